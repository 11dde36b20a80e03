using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Expressions;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// unsound-contains (zizmor.md §2): <c>contains('literal string', ctx)</c> in an <c>if:</c>. With a string as first
/// argument, <c>contains</c> is a substring test, so <c>contains('refs/heads/main refs/heads/dev', github.ref)</c> is
/// also true for a branch named <c>main</c> or <c>s/dev</c>. High when the context is something a pusher or caller
/// chooses (refs, <c>env.*</c>, <c>inputs.*</c>, any other free text); informational for <c>github.event_name</c>,
/// whose values are fixed names.
/// </summary>
public sealed class UnsoundContainsAudit : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.UnsoundContains;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        foreach (var (condition, owner) in Conditions.All(target))
        {
            var value = condition.Value;
            var fences = FencedExpression.FindAll(value);
            IEnumerable<(ExpressionSyntax, int)> roots = fences.Count == 0
                ? ExpressionParser.TryParse(value, 0, value.Length, out var bare, out _) ? [(bare!, 0)] : []
                : fences.Where(f => f.Syntax is not null).Select(f => (f.Syntax!, 0));
            foreach (var (root, _) in roots)
            {
                foreach (var node in ExpressionFlow.Descendants(root))
                {
                    if (node is not CallExpression { Arguments: [LiteralExpression { Kind: LiteralKind.String } haystack, var needle] } call || !call.Is("contains")
                        || ContextReference.From(needle) is not { IsCallLed: false } context)
                    {
                        continue;
                    }

                    var fixedValues = context.Pattern is "github.event_name" or "github.event.action" or "runner.os" or "runner.arch";
                    var (start, end) = ScalarLocator.Locate(condition, target.Source, call.Start, call.End);
                    sink.Report(
                        Rule,
                        start,
                        end,
                        $"contains('{haystack.Value}', {context.Pattern}) tests for a substring, so values other than the listed ones pass; use contains(fromJSON('[...]'), {context.Pattern}) or ==",
                        fixedValues ? Severity.Info : Severity.High,
                        Confidence.High,
                        context: owner);
                }
            }
        }
    }
}
