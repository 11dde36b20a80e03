using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Expressions;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// unredacted-secrets (zizmor.md §2): <c>fromJSON(secrets.X).field</c>. The runner masks a secret's whole value in
/// logs, not the fields parsed out of it, so the field's value is printed in clear wherever it is echoed.
/// </summary>
public sealed class UnredactedSecretsAudit : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.UnredactedSecrets;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        if (!target.Source.Text.Contains("secrets", StringComparison.Ordinal))
        {
            return;
        }

        foreach (var site in ExpressionSites.All(target))
        {
            foreach (var node in ExpressionFlow.Descendants(site.Syntax))
            {
                var target0 = node switch
                {
                    MemberExpression m => m.Target,
                    IndexExpression i => i.Target,
                    _ => null,
                };
                if (target0 is CallExpression { Arguments: [var argument] } call && call.Is("fromJSON")
                    && ExpressionFlow.AllContexts(argument).Any(c => c.Root == "secrets"))
                {
                    var (start, end) = ExpressionSites.Locate(target, site, node);
                    sink.Report(Rule, start, end, $"{site.Scalar.Value[node.Start..node.End]} takes a field out of a secret; the runner does not mask it in logs", Severity.Medium, Confidence.High);
                }
            }
        }
    }
}
