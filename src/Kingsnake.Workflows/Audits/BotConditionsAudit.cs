using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Expressions;
using Kingsnake.Workflows.Knowledge;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// bot-conditions (zizmor.md §2): an <c>if:</c> that trusts a spoofable actor context to be a bot. High confidence
/// when the check alone can make the condition true (reached only through <c>||</c>), medium when other parts must
/// also hold. Negated checks (<c>!=</c>, <c>!</c>) exclude the bot rather than trust it and are not reported.
/// Workflows nobody outside can trigger are skipped. Offers the safe fix zizmor has: compare the pull request's
/// author instead.
/// </summary>
public sealed class BotConditionsAudit : WorkflowAudit
{
    private static readonly HashSet<string> Spoofable = new(StringComparer.Ordinal)
    {
        "github.actor", "github.triggering_actor", "github.event.sender.login", "github.actor_id", "github.event.sender.id",
    };

    /// <summary>User ids of common bots (api.github.com/users/&lt;login&gt;): dependabot[bot], github-actions[bot], renovate[bot].</summary>
    private static readonly HashSet<string> BotIds = new(StringComparer.Ordinal) { "49699333", "41898282", "29139614" };

    public override Rule Rule => WorkflowRules.BotConditions;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        var workflow = target.Workflow;
        if (workflow is not null && !workflow.Triggers.Any(t => Triggers.IsExternallyTriggerable(t.Name)))
        {
            return;
        }

        var prTriggersOnly = workflow is not null && workflow.Triggers.All(t => t.Name.StartsWith("pull_request", StringComparison.Ordinal));
        foreach (var (condition, owner) in Conditions.All(target))
        {
            if (!condition.Value.Contains("actor", StringComparison.Ordinal) && !condition.Value.Contains("sender", StringComparison.Ordinal))
            {
                continue;
            }

            if (Conditions.Parse(condition) is not { } syntax)
            {
                continue;
            }

            Visit(target, sink, condition, owner, syntax, dominant: true, prTriggersOnly);
        }
    }

    private void Visit(AuditTarget target, FindingSink sink, YamlScalar condition, YamlNode owner, ExpressionSyntax node, bool dominant, bool prTriggersOnly)
    {
        switch (node)
        {
            case BinaryExpression { Operator: BinaryOperator.Or } or:
                Visit(target, sink, condition, owner, or.Left, dominant, prTriggersOnly);
                Visit(target, sink, condition, owner, or.Right, dominant, prTriggersOnly);
                break;
            case BinaryExpression { Operator: BinaryOperator.And } and:
                Visit(target, sink, condition, owner, and.Left, false, prTriggersOnly);
                Visit(target, sink, condition, owner, and.Right, false, prTriggersOnly);
                break;
            case BinaryExpression { Operator: BinaryOperator.Equal } equal:
                if ((SpoofableSide(equal.Left, equal.Right) ?? SpoofableSide(equal.Right, equal.Left)) is { } actor)
                {
                    Report(target, sink, condition, owner, node, actor, dominant, prTriggersOnly);
                }

                break;
            case CallExpression call when (call.Is("contains") || call.Is("startsWith") || call.Is("endsWith")) && call.Arguments.Count == 2:
                if (SpoofableSide(call.Arguments[0], call.Arguments[1]) is { } subject)
                {
                    Report(target, sink, condition, owner, node, subject, dominant, prTriggersOnly);
                }

                break;
        }
    }

    /// <summary>The spoofable context when <paramref name="context"/> is one and <paramref name="literal"/> names a bot.</summary>
    private static ContextReference? SpoofableSide(ExpressionSyntax context, ExpressionSyntax literal)
    {
        if (ContextReference.From(context) is not { IsCallLed: false } reference || !Spoofable.Contains(reference.Pattern))
        {
            return null;
        }

        return literal is LiteralExpression { Kind: LiteralKind.String or LiteralKind.Number } value
            && (value.Value?.ToString() is { } text) && (text.EndsWith("[bot]", StringComparison.OrdinalIgnoreCase) || BotIds.Contains(text))
            ? reference
            : null;
    }

    private void Report(AuditTarget target, FindingSink sink, YamlScalar condition, YamlNode owner, ExpressionSyntax check, ContextReference actor, bool dominant, bool prTriggersOnly)
    {
        var (start, end) = ScalarLocator.Locate(condition, target.Source, check.Start, check.End);
        Fix? fix = null;
        if (prTriggersOnly)
        {
            var replacement = actor.Pattern.EndsWith("id", StringComparison.Ordinal) ? "github.event.pull_request.user.id" : "github.event.pull_request.user.login";
            var original = condition.Value[actor.Syntax.Start..actor.Syntax.End];
            var (fixStart, fixEnd) = ScalarLocator.Locate(condition, target.Source, actor.Syntax.Start, actor.Syntax.End);
            if (fixEnd.Offset - fixStart.Offset == original.Length && target.Source.Text.AsSpan(fixStart.Offset, original.Length).SequenceEqual(original))
            {
                fix = new Fix(
                    $"compare {replacement}, the pull request's author, instead of {original}",
                    [new TextEdit(new SourceSpan(target.Path, fixStart.Line, fixStart.Column, fixEnd.Line, fixEnd.Column), replacement)]);
            }
        }

        sink.Report(
            Rule,
            start,
            end,
            $"'{condition.Value[check.Start..check.End]}' trusts {actor.Pattern}, which an attacker can make a bot's by triggering the bot on their pull request",
            Severity.High,
            dominant ? Confidence.High : Confidence.Medium,
            Persona.Regular,
            owner,
            fix);
    }
}
