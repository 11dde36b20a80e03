using System.Text.RegularExpressions;
using Kingsnake.Core.Yaml;
using Kingsnake.Posture.Scoring;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>
/// Scorecard's Pinned-Dependencies (<c>checks/raw/pinned_dependencies.go</c>, <c>checks/evaluation/pinned_dependencies.go</c>):
/// a weighted proportional score <c>floor(10·Σ pinned·w / Σ total·w)</c> over groups with at least one dependency.
/// Actions in workflow steps form two groups when both occur — GitHub-owned (<c>actions/</c>, <c>github/</c>) weight 2
/// and third-party weight 8 — else one group of weight 10; an action is pinned at a 40-hex commit, as a local
/// <c>./</c> action, or as <c>docker://…@sha256:</c>. Every other type is one group of weight 10: container images
/// (<c>FROM</c> in every <c>*Dockerfile*</c>, pinned by <c>@sha256:</c>, a pinned earlier stage, or a variable),
/// downloads run as code (never pinned), and pip, npm and go commands in workflow <c>run:</c> scripts (sh, bash,
/// mksh), Dockerfile <c>RUN</c>s and the repository's sh/bash/mksh scripts (by extension or a <c>#!</c> line). No
/// dependency at all: inconclusive. Job <c>container:</c>/<c>services:</c> images are not read by Scorecard.
/// </summary>
public sealed partial class PinnedDependenciesCheck : IPostureCheck
{
    private const int GitHubOwnedWeight = 2;
    private const int ThirdPartyWeight = 8;
    private const int NormalWeight = GitHubOwnedWeight + ThirdPartyWeight;

    private static readonly string[] ScriptShells = ["sh", "bash", "mksh"];

    public string Name => "Pinned-Dependencies";

    public CheckRisk Risk => CheckRisk.Medium;

    public CheckOrigin Origin => CheckOrigin.Scorecard;

    public string Description => "Dependencies fetched by CI, Dockerfiles and scripts are pinned by hash.";

    [GeneratedRegex(@"^\..+[^/]")]
    private static partial Regex LocalAction();

    [GeneratedRegex(@".*@[a-fA-F\d]{40,}")]
    private static partial Regex CommitPinnedAction();

    [GeneratedRegex(@"docker://.*@sha256:[a-fA-F\d]{64}")]
    private static partial Regex DigestPinnedDockerAction();

    [GeneratedRegex(@".*@sha256:([a-f\d]{64})")]
    private static partial Regex DigestPinnedImage();

    public CheckResult Run(PostureContext context)
    {
        var workflows = ScorecardWorkflows.Of(context);
        if (ScorecardWorkflows.FirstError(workflows) is { } error)
        {
            return CheckResult.Failed(this, error);
        }

        var found = new List<PinnedDependency>();
        foreach (var workflow in ScorecardWorkflows.Parsed(workflows))
        {
            CollectWorkflow(workflow, found);
        }

        foreach (var path in ScorecardFiles.List(context))
        {
            var name = path[(path.LastIndexOf('/') + 1)..];
            if (name.Contains("dockerfile", StringComparison.OrdinalIgnoreCase))
            {
                if (ScorecardFiles.ReadText(context, path) is { } dockerfile && ScorecardWorkflows.ContainsCommands(dockerfile))
                {
                    CollectDockerfile(path, dockerfile, found);
                }
            }
            else if (ScorecardFiles.ReadText(context, path) is { } text && IsShellScript(path, text) && ScorecardWorkflows.ContainsCommands(text))
            {
                ScorecardShellScan.Scan(text, path, offset => LineAt(text, offset), found);
            }
        }

        return Score(found);
    }

    internal CheckResult Score(List<PinnedDependency> found)
    {
        if (found.Count == 0)
        {
            return CheckResult.NotApplicable(this, "no dependencies found in workflows, Dockerfiles or shell scripts");
        }

        found = [.. found.OrderBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Type)];
        var groups = new List<(string Label, int Pinned, int Total, int Weight)>();
        var actions = found.Where(d => d.Type == PinnedDependencyType.GitHubAction).ToList();
        var owned = actions.Where(a => a.GitHubOwned).ToList();
        var thirdParty = actions.Where(a => !a.GitHubOwned).ToList();
        if (owned.Count > 0 && thirdParty.Count > 0)
        {
            groups.Add(("GitHub-owned actions", owned.Count(a => a.Pinned), owned.Count, GitHubOwnedWeight));
            groups.Add(("third-party actions", thirdParty.Count(a => a.Pinned), thirdParty.Count, ThirdPartyWeight));
        }
        else if (actions.Count > 0)
        {
            groups.Add((owned.Count > 0 ? "actions (all GitHub-owned)" : "actions (all third-party)", actions.Count(a => a.Pinned), actions.Count, NormalWeight));
        }

        foreach (var type in found.Select(d => d.Type).Where(t => t != PinnedDependencyType.GitHubAction).Distinct().Order())
        {
            var ofType = found.Where(d => d.Type == type).ToList();
            groups.Add((Label(type), ofType.Count(d => d.Pinned), ofType.Count, NormalWeight));
        }

        var weightedPinned = groups.Sum(g => g.Pinned * g.Weight);
        var weightedTotal = groups.Sum(g => g.Total * g.Weight);
        var score = Math.Min(10, 10 * weightedPinned / weightedTotal);
        var pinned = found.Count(d => d.Pinned);
        var weights = owned.Count > 0 && thirdParty.Count > 0 ? $"; weighted {weightedPinned}/{weightedTotal}" : "";
        var reason = $"{pinned} of {found.Count} dependencies pinned by hash; {string.Join(", ", groups.Select(g => $"{g.Label} {g.Pinned}/{g.Total}{(g.Weight != NormalWeight ? $" (weight {g.Weight})" : "")}"))}{weights}";
        var evidence = found.Select(d => new CheckEvidence($"{Label(d.Type)}{(d.Type == PinnedDependencyType.GitHubAction ? d.GitHubOwned ? " (GitHub-owned)" : " (third-party)" : "")} {(d.Pinned ? "pinned" : "not pinned")}: {d.Snippet}")
        {
            Path = d.Path,
            Line = d.Line,
            Negative = !d.Pinned,
        }).ToList();
        var first = found.FirstOrDefault(d => !d.Pinned);
        var unpinnedCount = found.Count - pinned;
        var more = unpinnedCount > 1 ? $" (and {unpinnedCount - 1} more)" : "";
        return CheckResult.Scored(this, score, reason, first is null ? null : NextStep(first) + more, evidence);
    }

    private static string NextStep(PinnedDependency d) => d.Type switch
    {
        PinnedDependencyType.GitHubAction when d.Snippet.StartsWith("docker://", StringComparison.Ordinal) =>
            $"pin {d.Snippet} in {d.Path}:{d.Line} by digest (`uses: {d.Snippet.Split('@')[0]}@sha256:<digest>`)",
        PinnedDependencyType.GitHubAction => $"pin {d.Snippet} in {d.Path}:{d.Line} to its commit SHA (`uses: {d.Snippet.Split('@')[0]}@<40-hex commit> # {(d.Snippet.Contains('@') ? d.Snippet.Split('@', 2)[1] : "tag")}`)",
        PinnedDependencyType.ContainerImage => $"pin {d.Snippet} in {d.Path}:{d.Line} by digest (`FROM {d.Snippet}@sha256:<digest>`)",
        PinnedDependencyType.DownloadThenRun => $"in {d.Path}:{d.Line} do not run downloaded code directly: fetch a pinned release, check its SHA-256 before running it, or install a pinned package",
        PinnedDependencyType.PipCommand => $"in {d.Path}:{d.Line} install from a hashed lock (`pip install --require-hashes -r requirements.txt`, hashes from `uv pip compile --generate-hashes`)",
        PinnedDependencyType.NpmCommand => $"in {d.Path}:{d.Line} use `npm ci` with a committed package-lock.json",
        _ => $"in {d.Path}:{d.Line} pin the Go module to a full version or commit (`go install example.com/tool@v1.2.3`)",
    };

    private static string Label(PinnedDependencyType type) => type switch
    {
        PinnedDependencyType.GitHubAction => "action",
        PinnedDependencyType.ContainerImage => "container images",
        PinnedDependencyType.DownloadThenRun => "downloads run as code",
        PinnedDependencyType.PipCommand => "pip",
        PinnedDependencyType.NpmCommand => "npm",
        _ => "go",
    };

    private static void CollectWorkflow(WorkflowFile workflow, List<PinnedDependency> found)
    {
        foreach (var job in workflow.Jobs.OfType<NormalJob>())
        {
            var windows = RunsOnlyOnWindows(job);
            foreach (var step in job.Steps)
            {
                if (step.UsesNode is { IsNull: false } usesNode)
                {
                    var uses = usesNode.Value;
                    var pinned = LocalAction().IsMatch(uses) || CommitPinnedAction().IsMatch(uses) || DigestPinnedDockerAction().IsMatch(uses);
                    found.Add(new PinnedDependency(PinnedDependencyType.GitHubAction, pinned, workflow.Path, ScorecardWorkflows.LineOf(usesNode), uses));
                }

                if (step.Run is { } run && IsScannedShell(step, job, workflow, windows))
                {
                    ScorecardShellScan.Scan(run.Value, workflow.Path, offset => ScalarLocator.Locate(run, workflow.Source, offset, offset + 1).Start.Line, found);
                }
            }
        }
    }

    /// <summary>The step's shell as Scorecard picks it (step, job defaults, workflow defaults, else the runner's: pwsh on Windows, bash elsewhere); only sh, bash and mksh are read.</summary>
    private static bool IsScannedShell(Step step, NormalJob job, WorkflowFile workflow, bool windows)
    {
        var shell = step.Shell
            ?? job.Node.GetMapping("defaults")?.GetMapping("run")?.GetString("shell")
            ?? workflow.Root.GetMapping("defaults")?.GetMapping("run")?.GetString("shell");
        if (shell is null)
        {
            return !windows;
        }

        var program = shell.Trim().Split(' ', 2)[0];
        program = program[(program.LastIndexOf('/') + 1)..];
        return ScriptShells.Contains(program, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>True when every runner the job can run on is a Windows one (a <c>matrix.X</c> runs-on resolved through the matrix).</summary>
    private static bool RunsOnlyOnWindows(NormalJob job)
    {
        var labels = new List<string>();
        switch (job.RunsOn)
        {
            case YamlScalar scalar when scalar.Value.Trim() is var value && value.StartsWith("${{", StringComparison.Ordinal) && value.EndsWith("}}", StringComparison.Ordinal):
                var key = value[3..^2].Trim();
                if (key.StartsWith("matrix.", StringComparison.Ordinal) && job.Matrix is YamlMapping matrix && matrix.Get(key["matrix.".Length..]) is YamlSequence values)
                {
                    labels.AddRange(values.Items.OfType<YamlScalar>().Select(v => v.Value));
                }

                break;
            case YamlScalar scalar:
                labels.Add(scalar.Value);
                break;
            case YamlSequence sequence:
                labels.Add(string.Join(' ', sequence.Items.OfType<YamlScalar>().Select(v => v.Value)));
                break;
        }

        return labels.Count > 0 && labels.All(l => l.Contains("windows", StringComparison.OrdinalIgnoreCase));
    }

    private static void CollectDockerfile(string path, string text, List<PinnedDependency> found)
    {
        var pinnedStages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var instruction in DockerfileInstructions.Parse(text))
        {
            if (instruction.Keyword == "FROM")
            {
                var values = instruction.Arguments.Split([' ', '\t', '\n', '\\'], StringSplitOptions.RemoveEmptyEntries).Where(v => !v.StartsWith("--", StringComparison.Ordinal)).ToList();
                if (values.Count == 0 || values[0].Equals("scratch", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var image = values[0];
                var pinned = pinnedStages.Contains(image) || DigestPinnedImage().IsMatch(image) || image.StartsWith('$');
                if (values.Count == 3 && values[1].Equals("as", StringComparison.OrdinalIgnoreCase) && pinned)
                {
                    pinnedStages.Add(values[2]);
                }

                found.Add(new PinnedDependency(PinnedDependencyType.ContainerImage, pinned, path, instruction.Line, image));
            }
            else if (instruction.Keyword == "RUN")
            {
                var script = DockerfileInstructions.RunScript(instruction.Arguments);
                ScorecardShellScan.Scan(script, path, offset => instruction.Line + script.AsSpan(0, Math.Min(offset, script.Length)).Count('\n'), found);
            }
        }
    }

    /// <summary>Scorecard's <c>isSupportedShellScriptFile</c>: a <c>.sh</c>/<c>.bash</c>/<c>.mksh</c> name, or any line <c>#!sh</c>, <c>#!/bin/bash …</c>, <c>#!/usr/bin/env bash</c>.</summary>
    internal static bool IsShellScript(string path, string text)
    {
        if (ScriptShells.Any(s => path.EndsWith("." + s, StringComparison.Ordinal)))
        {
            return true;
        }

        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith("#!", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = line[2..].TrimEnd('\r').Split(' ');
            foreach (var shell in ScriptShells)
            {
                if (IsBinaryName(shell, parts[0]) || (parts.Length >= 2 && IsBinaryName("env", parts[0]) && IsBinaryName(shell, parts[1])))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsBinaryName(string expected, string name) =>
        name[(name.LastIndexOf('/') + 1)..].Equals(expected, StringComparison.OrdinalIgnoreCase);

    private static int LineAt(string text, int offset) => 1 + text.AsSpan(0, Math.Clamp(offset, 0, text.Length)).Count('\n');
}
