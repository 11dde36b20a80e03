using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Audits;

/// <summary>hardcoded-container-credentials: a literal <c>credentials.password</c> on a job container or service.</summary>
public sealed class HardcodedContainerCredentialsAudit : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.HardcodedContainerCredentials;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        if (target.Workflow is not { } workflow)
        {
            return;
        }

        foreach (var job in workflow.Jobs.OfType<NormalJob>())
        {
            foreach (var container in job.Services.Prepend(job.Container))
            {
                if (container?.Password is { IsNull: false } password && !password.Value.Contains("${{", StringComparison.Ordinal))
                {
                    var what = container.ServiceName is null ? "container" : $"service '{container.ServiceName}'";
                    // the fingerprint must not carry the password itself into baselines and reports
                    sink.Report(Rule, password, $"job '{job.Id}' {what} has its registry password written in the workflow", Severity.High, Confidence.High, context: job.Node, fingerprint: $"{job.Id} {what} password");
                }
            }
        }
    }
}
