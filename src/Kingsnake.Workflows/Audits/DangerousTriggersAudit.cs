using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Knowledge;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// dangerous-triggers: <c>pull_request_target</c> and <c>workflow_run</c>, graded by what the workflow does with the
/// fork's code. zizmor reports the trigger itself (high/medium); Kingsnake follows the bar: checkout of
/// the fork's head followed by more steps is critical, checkout alone high, the trigger alone informational.
/// </summary>
public sealed class DangerousTriggersAudit : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.DangerousTriggers;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        if (target.Workflow is not { } workflow)
        {
            return;
        }

        var triggers = workflow.Triggers.Where(t => t.Name is "pull_request_target" or "workflow_run").ToList();
        if (triggers.Count == 0 || IsLabelerOnly(workflow))
        {
            return;
        }

        var names = string.Join(" and ", triggers.Select(t => t.Name));
        var reported = false;
        foreach (var job in workflow.Jobs.OfType<NormalJob>())
        {
            for (var i = 0; i < job.Steps.Count; i++)
            {
                var step = job.Steps[i];
                if (UntrustedCheckout(step) is not { } evidence)
                {
                    continue;
                }

                reported = true;
                var runsAfter = job.Steps.Skip(i + 1).FirstOrDefault(s => s.Run is not null || s.Uses is { Kind: UsesKind.Local } || (s.Uses is { } u && !u.Is(KnownActions.UploadArtifact) && !IsHarmlessAfterCheckout(u)));
                if (runsAfter is not null)
                {
                    sink.Report(Rule, evidence, $"{names} workflow checks out the fork's code ('{step.DisplayName}') and then runs '{runsAfter.DisplayName}' with the base repository's token and secrets", Severity.Critical, Confidence.High, context: step.Node);
                }
                else
                {
                    sink.Report(Rule, evidence, $"{names} workflow checks out the fork's code ('{step.DisplayName}') with the base repository's token and secrets", Severity.High, Confidence.Medium, context: step.Node);
                }
            }
        }

        if (!reported)
        {
            foreach (var trigger in triggers)
            {
                sink.Report(Rule, trigger.NameNode, $"{trigger.Name} runs with a write token and secrets on events from forks; nothing here checks out their code", Severity.Info, Confidence.High);
            }
        }
    }

    /// <summary>zizmor's exception: a workflow whose one job is one <c>actions/labeler</c> step.</summary>
    private static bool IsLabelerOnly(WorkflowFile workflow) =>
        workflow.Jobs is [NormalJob { Steps: [{ Uses: { } uses }] }] && uses.Is(KnownActions.Labeler);

    /// <summary>Actions that only read configuration or post results, never executing checked-out files.</summary>
    private static bool IsHarmlessAfterCheckout(UsesReference uses) =>
        uses.Is(KnownActions.Labeler) || uses.Is("actions/cache") || uses.Is(KnownActions.Checkout)
        || uses.Slug.StartsWith("actions/setup-", StringComparison.Ordinal);

    /// <summary>The node that shows a step fetches the fork's code, or null.</summary>
    internal static YamlNode? UntrustedCheckout(Step step)
    {
        if (step.Uses is { } uses && uses.Is(KnownActions.Checkout))
        {
            foreach (var input in (ReadOnlySpan<string>)["ref", "repository"])
            {
                if (step.Input(input) is { } value && RefersToForkHead(value.Value))
                {
                    return value;
                }
            }

            return null;
        }

        if (step.Run is { } run)
        {
            var script = run.Value;
            if (script.Contains("gh pr checkout", StringComparison.Ordinal)
                || (script.Contains("git fetch", StringComparison.Ordinal) && script.Contains("pull/", StringComparison.Ordinal))
                || (script.Contains("git checkout", StringComparison.Ordinal) && RefersToForkHead(script)))
            {
                return run;
            }
        }

        return null;
    }

    private static bool RefersToForkHead(string text) =>
        text.Contains("github.event.pull_request.head", StringComparison.Ordinal)
        || text.Contains("github.head_ref", StringComparison.Ordinal)
        || text.Contains("github.event.pull_request.merge_commit_sha", StringComparison.Ordinal)
        || text.Contains("github.event.workflow_run.head", StringComparison.Ordinal)
        || text.Contains("refs/pull/", StringComparison.Ordinal);
}
