using Kingsnake.Core.Shell;
using Kingsnake.Core.Yaml;
using Kingsnake.Posture.Scoring;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Posture.Checks.Python;

/// <summary>The tool a workflow step uploads to a package index with.</summary>
public enum PublishTool
{
    /// <summary><c>pypa/gh-action-pypi-publish</c>.</summary>
    PypiPublishAction,
    Twine,
    Uv,
    Poetry,
    Flit,
    Hatch,
    Pdm,
    Maturin,
}

/// <summary>
/// One upload to a package index in a workflow: the step, its job, how it authenticates. <see cref="TokenEvidence"/>
/// names the long-lived credential the step is given (an input, a variable, a flag), null when it is given none.
/// </summary>
public sealed record PublishSite(ParsedWorkflow Workflow, NormalJob Job, Step Step, PublishTool Tool, string? TokenEvidence, bool IdTokenWrite)
{
    public string Path => Workflow.RelativePath;

    public int Line => Step.Node.Start.Line;

    /// <summary>
    /// Uploads through OpenID Connect (PyPI Trusted Publishing): a tool that makes the exchange itself (the PyPA action,
    /// uv, PDM, maturin), no credential given, and <c>id-token: write</c> granted to the job.
    /// </summary>
    public bool IsTrusted => TokenEvidence is null && IdTokenWrite && Tool is PublishTool.PypiPublishAction or PublishTool.Uv or PublishTool.Pdm or PublishTool.Maturin;

    public string Describe() => $"{ToolName(Tool)} in job '{Job.Id}'";

    public static string ToolName(PublishTool tool) => tool switch
    {
        PublishTool.PypiPublishAction => "pypa/gh-action-pypi-publish",
        PublishTool.Twine => "twine upload",
        PublishTool.Uv => "uv publish",
        PublishTool.Poetry => "poetry publish",
        PublishTool.Flit => "flit publish",
        PublishTool.Hatch => "hatch publish",
        PublishTool.Pdm => "pdm publish",
        _ => "maturin publish",
    };
}

/// <summary>
/// The project's release workflows as the Python checks see them: every step that uploads a distribution, and the jobs
/// that build what it uploads (the publishing job and every job it needs, transitively). Computed once per context.
/// </summary>
public sealed class ReleaseWorkflows
{
    /// <summary>Variables that carry an index credential to the upload tools.</summary>
    private static readonly string[] CredentialVariables =
    [
        "TWINE_PASSWORD", "UV_PUBLISH_TOKEN", "UV_PUBLISH_PASSWORD", "FLIT_PASSWORD", "HATCH_INDEX_AUTH", "PDM_PUBLISH_PASSWORD",
        "MATURIN_PYPI_TOKEN", "MATURIN_PASSWORD",
    ];

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PostureContext, ReleaseWorkflows> Cache = [];

    private ReleaseWorkflows(IReadOnlyList<PublishSite> sites, IReadOnlyList<(ParsedWorkflow Workflow, NormalJob Job)> releaseJobs)
    {
        Sites = sites;
        ReleaseJobs = releaseJobs;
    }

    /// <summary>Every upload step, in workflow path and step order.</summary>
    public IReadOnlyList<PublishSite> Sites { get; }

    /// <summary>The jobs that publish or that a publishing job needs (they build the distribution), in order.</summary>
    public IReadOnlyList<(ParsedWorkflow Workflow, NormalJob Job)> ReleaseJobs { get; }

    public static ReleaseWorkflows Of(PostureContext context) => Cache.GetValue(context, Find);

    private static ReleaseWorkflows Find(PostureContext context)
    {
        var sites = new List<PublishSite>();
        var releaseJobs = new List<(ParsedWorkflow, NormalJob)>();
        foreach (var workflow in context.Workflows)
        {
            if (workflow.File is not { } file)
            {
                continue;
            }

            var publishing = new List<NormalJob>();
            foreach (var job in file.Jobs.OfType<NormalJob>())
            {
                var before = sites.Count;
                foreach (var step in job.Steps)
                {
                    if (PublishToolOf(step) is { } tool)
                    {
                        sites.Add(new PublishSite(workflow, job, step, tool, TokenEvidence(file, job, step, tool), GrantsIdToken(job.Permissions ?? file.Permissions)));
                    }
                }

                if (sites.Count > before)
                {
                    publishing.Add(job);
                }
            }

            var byId = file.Jobs.OfType<NormalJob>().ToDictionary(j => j.Id, StringComparer.Ordinal);
            var needed = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<string>(publishing.Select(j => j.Id));
            while (stack.Count > 0)
            {
                var id = stack.Pop();
                if (needed.Add(id) && byId.TryGetValue(id, out var job))
                {
                    foreach (var need in job.Needs)
                    {
                        stack.Push(need);
                    }
                }
            }

            releaseJobs.AddRange(file.Jobs.OfType<NormalJob>().Where(j => needed.Contains(j.Id)).Select(j => (workflow, j)));
        }

        return new ReleaseWorkflows(sites, releaseJobs);
    }

    /// <summary>The commands of a <c>run:</c> step (bash dialect; a script the lexer cannot read gives none).</summary>
    public static IReadOnlyList<ShellCommand> Commands(Step step)
    {
        if (step.Run is not { } run)
        {
            return [];
        }

        try
        {
            return ShellScript.Parse(run.Value, ShellDialect.Posix);
        }
        catch (ShellSyntaxException)
        {
            return [];
        }
    }

    /// <summary>The program words of a command with <c>python -m</c> unwrapped: <c>python3 -m twine upload</c> → <c>twine upload</c>.</summary>
    public static IReadOnlyList<string> ProgramWords(ShellCommand command)
    {
        var words = command.Program.Select(w => w.Text).ToList();
        if (words.Count >= 3 && IsPython(words[0]) && words[1] == "-m")
        {
            words.RemoveRange(0, 2);
        }
        else if (words.Count >= 2 && words[0] is "pipx" or "uvx" && words[1] is "run")
        {
            words.RemoveRange(0, 2);
        }
        else if (words.Count >= 1 && words[0] is "uvx")
        {
            words.RemoveAt(0);
        }

        if (words.Count > 0)
        {
            words[0] = System.IO.Path.GetFileName(words[0]);
        }

        return words;
    }

    public static bool IsPython(string program)
    {
        var name = System.IO.Path.GetFileName(program);
        return name is "python" or "python3" or "py" || (name.StartsWith("python3.", StringComparison.Ordinal) && name.Length <= 10);
    }

    private static PublishTool? PublishToolOf(Step step)
    {
        if (step.Uses is { } uses && uses.Is("pypa/gh-action-pypi-publish"))
        {
            return PublishTool.PypiPublishAction;
        }

        foreach (var command in Commands(step))
        {
            var words = ProgramWords(command);
            if (words.Count < 2)
            {
                continue;
            }

            PublishTool? tool = (words[0], words[1]) switch
            {
                ("twine", "upload") => PublishTool.Twine,
                ("uv", "publish") => PublishTool.Uv,
                ("poetry", "publish") when !words.Contains("--dry-run") => PublishTool.Poetry,
                ("flit", "publish") => PublishTool.Flit,
                ("hatch", "publish") => PublishTool.Hatch,
                ("pdm", "publish") when !words.Contains("--dry-run") => PublishTool.Pdm,
                ("maturin", "publish" or "upload") => PublishTool.Maturin,
                _ => null,
            };
            if (tool is not null)
            {
                return tool;
            }
        }

        return null;
    }

    private static string? TokenEvidence(WorkflowFile file, NormalJob job, Step step, PublishTool tool)
    {
        if (tool == PublishTool.PypiPublishAction)
        {
            return step.Input("password") is { IsNull: false } password && password.Value.Length > 0 ? $"password: {Shorten(password.Value)}" : null;
        }

        foreach (var env in new[] { step.Env, job.Env, file.Env })
        {
            foreach (var (key, _) in env?.Variables ?? [])
            {
                if (CredentialVariables.Contains(key.Value, StringComparer.Ordinal) || key.Value.StartsWith("POETRY_PYPI_TOKEN_", StringComparison.Ordinal)
                    || (key.Value.StartsWith("POETRY_HTTP_BASIC_", StringComparison.Ordinal) && key.Value.EndsWith("_PASSWORD", StringComparison.Ordinal)))
                {
                    return $"{key.Value} in env";
                }
            }
        }

        foreach (var command in Commands(step))
        {
            var words = ProgramWords(command);
            if (words.Count >= 3 && words[0] == "poetry" && words[1] == "config" && words[2].StartsWith("pypi-token.", StringComparison.Ordinal))
            {
                return "poetry config pypi-token";
            }

            foreach (var word in words)
            {
                if (word is "-p" or "--password" or "--token" or "-t" || word.StartsWith("--password=", StringComparison.Ordinal) || word.StartsWith("--token=", StringComparison.Ordinal))
                {
                    return $"{word.Split('=')[0]} on the command line";
                }
            }
        }

        // twine, poetry, flit and hatch have no OpenID Connect exchange of their own: without one visible, a token is used
        return tool is PublishTool.Twine or PublishTool.Poetry or PublishTool.Flit or PublishTool.Hatch ? $"{PublishSite.ToolName(tool)} cannot exchange an OIDC token itself" : null;
    }

    /// <summary>True when the block grants <c>id-token: write</c> (explicitly or by <c>write-all</c>).</summary>
    public static bool GrantsIdToken(Permissions? permissions) => permissions is { } p
        && (p.Kind == PermissionsKind.WriteAll || (p.Kind == PermissionsKind.Explicit && p.Scopes.Any(s => s.Name == "id-token" && s.IsWrite)));

    private static string Shorten(string text) => text.Length > 60 ? text[..57] + "..." : text;

    /// <summary>The line of a YAML node, 1-based.</summary>
    public static int LineOf(YamlNode node) => node.Start.Line;
}
