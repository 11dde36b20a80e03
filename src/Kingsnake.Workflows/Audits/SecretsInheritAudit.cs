using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Audits;

/// <summary>secrets-inherit: a reusable-workflow call with <c>secrets: inherit</c>.</summary>
public sealed class SecretsInheritAudit : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.SecretsInherit;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        foreach (var call in target.Workflow?.Jobs.OfType<ReusableWorkflowCallJob>() ?? [])
        {
            if (call.InheritsSecrets && call.SecretsKey is { } key)
            {
                sink.Report(Rule, key.Start, call.Node.Get("secrets")!.End, $"job '{call.Id}' passes every secret to {call.Uses.Raw}", Severity.Medium, Confidence.High, context: call.Node);
            }
        }
    }
}
