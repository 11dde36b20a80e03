using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Expressions;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// unsound-condition: an <c>if:</c> with <c>${{ }}</c> plus any other text, a trailing newline from a block scalar
/// (zizmor's case) included. GitHub then evaluates a non-empty string, which is always true. Kingsnake also
/// reports text around the fence in flow scalars (<c>if: ${{ a }} &amp;&amp; ${{ b }}</c>), as actionlint does.
/// Block scalars with clip chomping get the safe fix: <c>|</c> becomes <c>|-</c>.
/// </summary>
public sealed class UnsoundConditionAudit : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.UnsoundCondition;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        foreach (var (condition, owner) in Conditions.All(target))
        {
            var value = condition.Value;
            var fences = FencedExpression.FindAll(value);
            if (fences.Count == 0 || (fences.Count == 1 && Conditions.IsOnlyFence(value, fences[0])))
            {
                continue;
            }

            Fix? fix = null;
            var text = target.Source.Text;
            var header = condition.Start.Offset;
            if (condition.IsBlock && fences.Count == 1 && value.EndsWith('\n') && fences[0].Start == 0 && fences[0].End == value.Length - 1
                && header + 1 < text.Length && text[header] is '|' or '>' && (text[header + 1] is '\n' or '\r' or ' ' or '#'))
            {
                var at = target.Source.PositionAt(header);
                fix = new Fix(
                    "strip the trailing newline so the expression is the whole condition",
                    [new TextEdit(new SourceSpan(target.Path, at.Line, at.Column, at.Line, at.Column + 1), text[header] + "-")]);
            }

            var why = condition.IsBlock ? "the block scalar keeps a trailing newline after" : "there is text around";
            sink.Report(Rule, condition, $"this if: is always true: {why} the ${{{{ }}}} expression, so GitHub evaluates a non-empty string", Severity.High, Confidence.High, context: owner, fix: fix);
        }
    }
}
