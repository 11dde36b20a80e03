using Kingsnake.Posture.Scoring;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Posture.Checks.Python;

/// <summary>
/// Hashed-Release-Build: the jobs that build and publish a release install their tools from a lock with hashes, so a
/// compromised or replaced release of <c>build</c>, <c>twine</c> or a build backend cannot slip into the artifacts.
/// <para>
/// In every job that uploads a distribution and every job it needs, each tool installation and each isolated build is
/// a site. An installation is hashed with <c>--require-hashes</c>, a <c>-r</c>/<c>-c</c> file (in the project) whose
/// lines carry <c>--hash</c>, or a locked sync (<c>uv sync --locked|--frozen</c>, <c>poetry install</c>,
/// <c>pdm sync</c> — their lockfiles hold hashes). An isolated build (<c>python -m build</c>, <c>uv build</c>,
/// <c>pyproject-build</c>, <c>hatch build</c>, <c>poetry build</c>, <c>cibuildwheel</c>…) resolves the
/// <c>[build-system] requires</c> afresh unless it runs without isolation (<c>--no-isolation</c>, <c>-n</c>,
/// <c>--no-build-isolation</c>) from a hashed environment, or with a build constraint
/// (<c>--build-constraint</c>, <c>PIP_CONSTRAINT</c>, <c>UV_BUILD_CONSTRAINT</c>). Score = hashed sites / sites,
/// ×10, rounded down. No release job, or one that installs and builds nothing: not applicable.
/// </para>
/// </summary>
public sealed class HashedReleaseBuildCheck : IPostureCheck
{
    private static readonly string[] ConstraintVariables = ["PIP_CONSTRAINT", "UV_BUILD_CONSTRAINT", "UV_CONSTRAINT", "PIP_REQUIRE_HASHES", "UV_REQUIRE_HASHES"];

    public string Name => "Hashed-Release-Build";

    public CheckRisk Risk => CheckRisk.Medium;

    public CheckOrigin Origin => CheckOrigin.Python;

    public string Description => "Release jobs install their build and upload tools from a lock with hashes.";

    public CheckResult Run(PostureContext context)
    {
        var release = ReleaseWorkflows.Of(context);
        if (release.ReleaseJobs.Count == 0)
        {
            return CheckResult.NotApplicable(this, "no workflow uploads to a package index");
        }

        var evidence = new List<CheckEvidence>();
        var sites = 0;
        var hashed = 0;
        string? nextStep = null;
        foreach (var (workflow, job) in release.ReleaseJobs)
        {
            foreach (var step in job.Steps)
            {
                var constrained = HasConstraintVariable(step, job, workflow.File);
                foreach (var command in ReleaseWorkflows.Commands(step))
                {
                    var words = ReleaseWorkflows.ProgramWords(command);
                    if (Classify(context, words, constrained) is not { } site)
                    {
                        continue;
                    }

                    sites++;
                    hashed += site.Hashed ? 1 : 0;
                    var line = step.Run is { } run ? run.Start.Line + CountLines(run.Value, command.Start) + (run.IsBlock ? 1 : 0) : step.Node.Start.Line;
                    evidence.Add(new CheckEvidence($"job '{job.Id}': `{Shorten(string.Join(' ', words))}` — {site.Why}") { Path = workflow.RelativePath, Line = line, Negative = !site.Hashed });
                    if (!site.Hashed)
                    {
                        nextStep ??= $"in {workflow.RelativePath}:{line} install the release tools from a hashed requirements file (`pip install --require-hashes -r release-requirements.txt`, made with `uv pip compile --generate-hashes` or `pip-compile --generate-hashes`) and build with `--no-isolation` from it";
                    }
                }
            }
        }

        if (sites == 0)
        {
            return CheckResult.NotApplicable(this, "the release jobs install and build nothing themselves");
        }

        var reason = hashed == sites ? $"all {sites} installs and builds in release jobs are hashed or locked" : $"{sites - hashed} of {sites} installs and builds in release jobs resolve tools without hashes";
        return CheckResult.Scored(this, 10 * hashed / sites, reason, nextStep, evidence);
    }

    private sealed record Site(bool Hashed, string Why);

    private static Site? Classify(PostureContext context, IReadOnlyList<string> words, bool constrained)
    {
        if (words.Count < 2)
        {
            return words.Count == 1 && words[0] is "build" or "cibuildwheel" or "pyproject-build" ? Build(words, constrained) : null;
        }

        var (tool, verb) = (words[0], words[1]);
        if ((tool is "pip" or "pip3" && verb == "install") || (tool == "uv" && verb == "pip" && words.Count > 2 && words[2] == "install"))
        {
            return Install(context, words);
        }

        if (tool is "pipx" or "uv" && verb is "install" || (tool == "uv" && verb == "tool" && words.Count > 2 && words[2] == "install"))
        {
            return new Site(false, "installs a tool by name, without hashes");
        }

        if (tool == "uv" && verb == "sync")
        {
            return words.Contains("--locked") || words.Contains("--frozen") ? new Site(true, "locked sync from uv.lock") : new Site(false, "`uv sync` without --locked may re-resolve");
        }

        if ((tool == "poetry" && verb == "install") || (tool == "pdm" && verb is "sync" or "install"))
        {
            return new Site(true, "installs from the lockfile's hashes");
        }

        if ((tool == "build") || (tool == "uv" && verb == "build") || (tool is "hatch" or "poetry" or "pdm" or "flit" && verb == "build") || tool == "cibuildwheel" || tool == "pyproject-build")
        {
            return Build(words, constrained);
        }

        return null;
    }

    private static Site Build(IReadOnlyList<string> words, bool constrained)
    {
        if (words.Any(w => w is "--no-isolation" or "-n" or "--no-build-isolation"))
        {
            return new Site(true, "builds without isolation, from the job's own environment");
        }

        if (constrained || words.Any(w => w is "--build-constraint" or "-b" || w.StartsWith("--build-constraint=", StringComparison.Ordinal)))
        {
            return new Site(true, "builds with a build constraint");
        }

        return new Site(false, "an isolated build resolves [build-system] requires afresh");
    }

    private static Site Install(PostureContext context, IReadOnlyList<string> words)
    {
        if (words.Contains("--require-hashes"))
        {
            return new Site(true, "--require-hashes");
        }

        for (var i = 0; i < words.Count; i++)
        {
            string? file = words[i] is "-r" or "--requirement" or "-c" or "--constraint" && i + 1 < words.Count ? words[i + 1]
                : words[i].StartsWith("--requirement=", StringComparison.Ordinal) || words[i].StartsWith("--constraint=", StringComparison.Ordinal) ? words[i][(words[i].IndexOf('=') + 1)..]
                : null;
            if (file is not null && context.ReadText(ProjectPath(file)) is { } text && text.Contains("--hash", StringComparison.Ordinal))
            {
                return new Site(true, $"{file} carries hashes");
            }
        }

        return new Site(false, "installs without hashes");
    }

    /// <summary>A path as a workflow names it (from the repository root, the default working directory), relative to the project.</summary>
    private static string ProjectPath(string path)
    {
        path = path.Replace('\\', '/');
        while (path.StartsWith("./", StringComparison.Ordinal))
        {
            path = path[2..];
        }

        return path;
    }

    private static bool HasConstraintVariable(Step step, NormalJob job, WorkflowFile? file)
    {
        foreach (var env in new[] { step.Env, job.Env, file?.Env })
        {
            if (env?.Variables.Any(v => ConstraintVariables.Contains(v.Key.Value, StringComparer.Ordinal)) == true)
            {
                return true;
            }
        }

        return false;
    }

    private static int CountLines(string text, int offset)
    {
        var lines = 0;
        for (var i = 0; i < Math.Min(offset, text.Length); i++)
        {
            lines += text[i] == '\n' ? 1 : 0;
        }

        return lines;
    }

    private static string Shorten(string text) => text.Length > 80 ? text[..77] + "..." : text;
}
