using Kingsnake.Core.Shell;
using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>
/// Scorecard's SAST (<c>checks/raw/sast.go</c>, <c>checks/evaluation/sast.go</c>) as a checkout lets it be scored:
/// 10 when a workflow uses a Snyk, Pysa, Qodana or Hadolint action, or a <c>pom.xml</c> sets <c>sonar.host.url</c>.
/// Otherwise Scorecard weighs the share of merged pull requests that were analysed; a checkout holds no pull request,
/// which is Scorecard's "no PRs" case: CodeQL (<c>github/codeql-action/analyze</c>) gives 10, nothing gives 0.
/// Bandit, Semgrep and ruff in CI are not counted by Scorecard; the reason says so when they run.
/// </summary>
public sealed class SastCheck : IPostureCheck
{
    private static readonly (string Action, string Tool, bool Prefix)[] Tools =
    [
        ("snyk/actions/", "Snyk", true),
        ("facebook/pysa-action", "Pysa", false),
        ("JetBrains/qodana-action", "Qodana", false),
        ("hadolint/hadolint-action", "Hadolint", false),
    ];

    private static readonly (string Action, string Tool)[] Uncounted =
    [
        ("PyCQA/bandit-action", "Bandit"),
        ("PyCQA/bandit", "Bandit"),
        ("returntocorp/semgrep-action", "Semgrep"),
        ("semgrep/semgrep-action", "Semgrep"),
        ("astral-sh/ruff-action", "ruff"),
        ("chartboost/ruff-action", "ruff"),
    ];

    public string Name => "SAST";

    public CheckRisk Risk => CheckRisk.Medium;

    public CheckOrigin Origin => CheckOrigin.Scorecard;

    public string Description => "Static analysis (CodeQL, Snyk, Pysa, Qodana, Hadolint, SonarCloud) runs on the code.";

    public CheckResult Run(PostureContext context)
    {
        var workflows = ScorecardWorkflows.Of(context);
        var counted = new List<CheckEvidence>();
        var codeQl = new List<CheckEvidence>();
        var uncounted = new List<CheckEvidence>();
        var uncountedTools = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var workflow in ScorecardWorkflows.Parsed(workflows))
        {
            foreach (var (_, step) in ScorecardWorkflows.Steps(workflow))
            {
                if (ScorecardWorkflows.ActionName(step) is { } action && step.UsesNode is { } uses)
                {
                    var line = ScorecardWorkflows.LineOf(uses);
                    if (action == "github/codeql-action/analyze")
                    {
                        codeQl.Add(new CheckEvidence("CodeQL analysis") { Path = workflow.Path, Line = line });
                    }
                    else if (Tools.FirstOrDefault(t => t.Prefix ? action.StartsWith(t.Action, StringComparison.Ordinal) : action.Equals(t.Action, StringComparison.Ordinal)) is { Tool: { } tool })
                    {
                        counted.Add(new CheckEvidence($"{tool} analysis") { Path = workflow.Path, Line = line });
                    }
                    else if (Uncounted.FirstOrDefault(t => action.Equals(t.Action, StringComparison.OrdinalIgnoreCase)) is { Tool: { } other })
                    {
                        uncountedTools.Add(other);
                        uncounted.Add(new CheckEvidence($"{other} (not counted by Scorecard)") { Path = workflow.Path, Line = line });
                    }
                }

                if (step.Run is { } run)
                {
                    foreach (var command in ShellScript.Parse(run.Value, ShellDialect.Posix))
                    {
                        if (UncountedTool(command) is { } tool)
                        {
                            uncountedTools.Add(tool);
                            var position = Kingsnake.Core.Yaml.ScalarLocator.Locate(run, workflow.Source, command.Start, command.End).Start;
                            uncounted.Add(new CheckEvidence($"{tool} (not counted by Scorecard)") { Path = workflow.Path, Line = position.Line });
                        }
                    }
                }
            }
        }

        foreach (var pom in ScorecardFiles.List(context).Where(p => p == "pom.xml" || p.EndsWith("/pom.xml", StringComparison.Ordinal)))
        {
            if (ScorecardFiles.ReadText(context, pom) is { } text && text.Contains("<sonar.host.url>", StringComparison.Ordinal))
            {
                counted.Add(new CheckEvidence("SonarQube/SonarCloud configured (sonar.host.url)") { Path = pom });
            }
        }

        var note = uncountedTools.Count > 0 ? $"; {string.Join(", ", uncountedTools)} in CI not counted by Scorecard" : "";
        if (counted.Count > 0)
        {
            return CheckResult.Scored(this, 10, $"{counted[0].Description} in {counted[0].Path}{note}", null, [.. counted, .. codeQl, .. uncounted]);
        }

        if (codeQl.Count > 0)
        {
            return CheckResult.Scored(this, 10, $"CodeQL runs ({codeQl[0].Path}:{codeQl[0].Line}); without pull requests to sample, Scorecard gives CodeQL 10{note}", null, [.. codeQl, .. uncounted]);
        }

        var next = uncountedTools.Count > 0
            ? $"Scorecard does not count {string.Join(", ", uncountedTools)}: add a CodeQL workflow (github/codeql-action/init + analyze, language python) on push and pull_request; keep the others"
            : "add a CodeQL workflow (github/codeql-action/init and github/codeql-action/analyze with `languages: python`) that runs on push and pull_request";
        return CheckResult.Scored(this, 0, $"no SAST tool Scorecard counts (CodeQL, Snyk, Pysa, Qodana, Hadolint, SonarCloud){note}", next, uncounted);
    }

    private static string? UncountedTool(ShellCommand command)
    {
        var words = command.Program.Select(w => w.Text).ToList();
        if (words.Count == 0)
        {
            return null;
        }

        var program = Path.GetFileName(words[0]);
        if (program is "python" or "python3" && words.Count > 2 && words[1] == "-m")
        {
            program = words[2];
        }
        else if (program is "uvx" or "pipx" or "pre-commit" && words.Count > 1)
        {
            program = words[1] == "run" && words.Count > 2 ? words[2] : words[1];
        }

        return program switch
        {
            "bandit" => "Bandit",
            "semgrep" => "Semgrep",
            "ruff" when !words.Contains("format") => "ruff",
            _ => null,
        };
    }
}
