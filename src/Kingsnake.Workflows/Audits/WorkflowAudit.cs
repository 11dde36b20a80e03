using Kingsnake.Core.Rules;

namespace Kingsnake.Workflows.Audits;

/// <summary>One check over the shared model of a file. Audits are stateless and run in parallel across files.</summary>
public abstract class WorkflowAudit
{
    public abstract Rule Rule { get; }

    public abstract void Audit(AuditTarget target, FindingSink sink);
}
