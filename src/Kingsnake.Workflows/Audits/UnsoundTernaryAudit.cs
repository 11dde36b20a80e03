using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Expressions;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// unsound-ternary (zizmor.md §2): <c>cond &amp;&amp; X || Y</c> where X is a falsy literal (<c>''</c>, <c>0</c>,
/// <c>false</c>, <c>null</c>). The pseudo-ternary then yields Y even when cond is true, which is rarely what was meant.
/// </summary>
public sealed class UnsoundTernaryAudit : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.UnsoundTernary;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        foreach (var site in ExpressionSites.All(target))
        {
            foreach (var node in ExpressionFlow.Descendants(site.Syntax))
            {
                if (node is BinaryExpression { Operator: BinaryOperator.Or, Left: BinaryExpression { Operator: BinaryOperator.And, Right: LiteralExpression falsy } } or
                    && IsFalsy(falsy))
                {
                    var (start, end) = ExpressionSites.Locate(target, site, or);
                    sink.Report(Rule, start, end, $"'{site.Scalar.Value[or.Start..or.End]}' always yields the || branch: the && branch is the falsy {falsy.Text}", Severity.Low, Confidence.High);
                }
            }
        }
    }

    private static bool IsFalsy(LiteralExpression literal) => literal.Value switch
    {
        null => true,
        bool b => !b,
        string s => s.Length == 0,
        double d => d == 0 || double.IsNaN(d),
        int i => i == 0,
        long l => l == 0,
        _ => false,
    };
}
