using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Knowledge;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// superfluous-actions (zizmor.md §2): a third-party action whose job a tool preinstalled on the runner does. Each
/// extra action is more code with the job's token to trust and to pin. Informational.
/// </summary>
public sealed class SuperfluousActionsAudit : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.SuperfluousActions;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        foreach (var site in UsesSites.All(target, includeReusableCalls: false))
        {
            if (site.Uses.Kind == UsesKind.Repository && ActionAdvice.FindSuperfluous(site.Uses.Slug) is { } advice)
            {
                sink.Report(Rule, site.Node, $"{advice.Action} does what {advice.Instead} already does", Severity.Info, Confidence.High, advice.Persona, site.Context);
            }
        }
    }
}
