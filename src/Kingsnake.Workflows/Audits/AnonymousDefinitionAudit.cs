using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Workflows.Auditing;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// anonymous-definition (zizmor.md §2, pedantic): a workflow without <c>name:</c> (low) and jobs without <c>name:</c>
/// (informational). GitHub then shows the file path or job id, which makes runs, required checks and audit logs
/// harder to tell apart.
/// </summary>
public sealed class AnonymousDefinitionAudit : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.AnonymousDefinition;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        if (target.Workflow is not { } workflow)
        {
            return;
        }

        if (workflow.Name is null or { IsNull: true })
        {
            var at = workflow.OnKey ?? (workflow.Root.Entries.Count > 0 ? workflow.Root.Entries[0].Key : null);
            if (at is not null)
            {
                sink.Report(Rule, at, "the workflow has no name:; GitHub shows its file path instead", Severity.Low, Confidence.High, Persona.Pedantic);
            }
        }

        foreach (var job in workflow.Jobs)
        {
            if (job.Name is null or { IsNull: true })
            {
                sink.Report(Rule, job.IdNode, $"job '{job.Id}' has no name:", Severity.Info, Confidence.High, Persona.Pedantic, job.Node);
            }
        }
    }
}
