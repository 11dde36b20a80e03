using System.Text.RegularExpressions;
using Kingsnake.Core.Yaml;
using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>
/// Scorecard's Dangerous-Workflow (<c>checks/raw/dangerous_workflow.go</c>): 0 when (a) a workflow triggered by
/// <c>pull_request_target</c> or <c>workflow_run</c> has a step using <c>actions/checkout</c> whose <c>ref</c> input
/// contains <c>github.event.pull_request</c> or <c>github.event.workflow_run</c> (it checks out the untrusted head),
/// or (b) a <c>run:</c> script expands <c>${{ }}</c> with <c>github.head_ref</c>, <c>toJSON(github)</c> /
/// <c>toJSON(github.event)</c>, or a <c>github.event.</c> field an outsider writes (issue, pull request, comment and
/// review titles and bodies, page names, commit messages and authors, the head ref, label and default branch);
/// 10 otherwise. No workflow: inconclusive.
/// </summary>
public sealed partial class DangerousWorkflowCheck : IPostureCheck
{
    public string Name => "Dangerous-Workflow";

    public CheckRisk Risk => CheckRisk.Critical;

    public CheckOrigin Origin => CheckOrigin.Scorecard;

    public string Description => "No workflow runs untrusted code with the repository's privileges or expands attacker-written text into a script.";

    [GeneratedRegex(@"(issue\.title|issue\.body|pull_request\.title|pull_request\.body|comment\.body|review\.body|review_comment\.body|pages.*\.page_name|commits.*\.message|head_commit\.message|head_commit\.author\.email|head_commit\.author\.name|commits.*\.author\.email|commits.*\.author\.name|pull_request\.head\.ref|pull_request\.head\.label|pull_request\.head\.repo\.default_branch)", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex UntrustedContext();

    [GeneratedRegex(@"toJSON\(\s*github(\.event)?\s*\)", RegexOptions.CultureInvariant)]
    private static partial Regex WholeContextAsJson();

    public CheckResult Run(PostureContext context)
    {
        var workflows = ScorecardWorkflows.Of(context);
        if (workflows.Count == 0)
        {
            return CheckResult.NotApplicable(this, "no workflows in .github/workflows");
        }

        if (ScorecardWorkflows.FirstError(workflows) is { } error)
        {
            return CheckResult.Failed(this, error);
        }

        var checkouts = new List<CheckEvidence>();
        var injections = new List<CheckEvidence>();
        foreach (var workflow in ScorecardWorkflows.Parsed(workflows))
        {
            var privileged = workflow.HasTrigger("pull_request_target") || workflow.HasTrigger("workflow_run");
            foreach (var (job, step) in ScorecardWorkflows.Steps(workflow))
            {
                if (privileged && step.UsesNode?.Value is { } uses && uses.Contains("actions/checkout", StringComparison.Ordinal)
                    && step.Input("ref") is { } reference
                    && (reference.Value.Contains("github.event.pull_request", StringComparison.Ordinal) || reference.Value.Contains("github.event.workflow_run", StringComparison.Ordinal)))
                {
                    checkouts.Add(new CheckEvidence($"job '{job.Id}' checks out untrusted code ({reference.Value.Trim()}) in a {(workflow.HasTrigger("pull_request_target") ? "pull_request_target" : "workflow_run")} workflow")
                    {
                        Path = workflow.Path,
                        Line = ScorecardWorkflows.LineOf(reference),
                        Negative = true,
                    });
                }

                if (step.Run is { } run)
                {
                    foreach (var (variable, offset) in Expressions(run.Value))
                    {
                        if (IsUntrusted(variable))
                        {
                            var line = ScalarLocator.Locate(run, workflow.Source, offset, offset + 3).Start.Line;
                            injections.Add(new CheckEvidence($"job '{job.Id}' expands ${{{{ {variable} }}}} into a script") { Path = workflow.Path, Line = line, Negative = true });
                        }
                    }
                }
            }
        }

        if (checkouts.Count == 0 && injections.Count == 0)
        {
            return CheckResult.Scored(this, 10, $"no dangerous pattern in {workflows.Count} workflow(s)", null);
        }

        var parts = new List<string>();
        if (checkouts.Count > 0)
        {
            parts.Add($"{checkouts.Count} untrusted checkout(s) in a privileged workflow");
        }

        if (injections.Count > 0)
        {
            parts.Add($"{injections.Count} script injection(s)");
        }

        var first = checkouts.Count > 0 ? checkouts[0] : injections[0];
        var next = checkouts.Count > 0
            ? $"in {first.Path}:{first.Line} do not check out the pull request's head in a pull_request_target/workflow_run workflow: run untrusted code in a `pull_request` workflow without secrets, or pass only data (an artifact) to the privileged one"
            : $"in {first.Path}:{first.Line} pass the value through `env:` (e.g. `env: TITLE: ${{{{ github.event.pull_request.title }}}}`) and use \"$TITLE\" in the script instead of expanding ${{{{ }}}} into it";
        return CheckResult.Scored(this, 0, string.Join(" and ", parts), next, [.. checkouts, .. injections]);
    }

    internal static bool IsUntrusted(string variable) =>
        variable.Contains("github.head_ref", StringComparison.Ordinal)
        || (variable.Contains("github.event.", StringComparison.Ordinal) && UntrustedContext().IsMatch(variable))
        || WholeContextAsJson().IsMatch(variable);

    /// <summary>Each <c>${{ … }}</c> of a script as Scorecard cuts it: the text up to the next <c>}}</c>, <c>${}</c> trimmed from both ends, then spaces.</summary>
    private static IEnumerable<(string Variable, int Offset)> Expressions(string script)
    {
        var from = 0;
        while (from < script.Length)
        {
            var start = script.IndexOf("${{", from, StringComparison.Ordinal);
            if (start < 0)
            {
                yield break;
            }

            var end = script.IndexOf("}}", start, StringComparison.Ordinal);
            if (end < 0)
            {
                yield break;
            }

            yield return (script[start..(end + 2)].Trim('$', '{', '}').Trim(), start);
            from = end;
        }
    }
}
