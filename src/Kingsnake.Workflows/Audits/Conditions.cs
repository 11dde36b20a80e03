using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Expressions;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Audits;

/// <summary>Helpers for <c>if:</c> conditions, which may be written with or without <c>${{ }}</c>.</summary>
internal static class Conditions
{
    /// <summary>Every <c>if:</c> of a file: jobs' and steps' (workflow) or composite steps' (action).</summary>
    public static IEnumerable<(YamlScalar Condition, YamlNode Owner)> All(AuditTarget target)
    {
        if (target.Workflow is { } workflow)
        {
            foreach (var job in workflow.Jobs)
            {
                if (job.If is { IsNull: false } jobIf)
                {
                    yield return (jobIf, job.Node);
                }

                if (job is NormalJob normal)
                {
                    foreach (var step in normal.Steps)
                    {
                        if (step.If is { IsNull: false } stepIf)
                        {
                            yield return (stepIf, step.Node);
                        }
                    }
                }
            }
        }
        else if (target.Action is { } action)
        {
            foreach (var step in action.Steps)
            {
                if (step.If is { IsNull: false } stepIf)
                {
                    yield return (stepIf, step.Node);
                }
            }
        }
    }

    /// <summary>
    /// The parsed condition: the single fenced expression when the value is exactly one <c>${{ }}</c>, the whole
    /// text when there is no fence (GitHub evaluates a bare <c>if:</c> as an expression), else null.
    /// </summary>
    public static ExpressionSyntax? Parse(YamlScalar condition)
    {
        var value = condition.Value;
        var fences = FencedExpression.FindAll(value);
        if (fences.Count == 0)
        {
            return ExpressionParser.TryParse(value, 0, value.Length, out var bare, out _) ? bare : null;
        }

        return fences.Count == 1 && IsOnlyFence(value, fences[0]) ? fences[0].Syntax : null;
    }

    /// <summary>True when <paramref name="value"/> holds nothing but the fence (no text before or after, not even a newline).</summary>
    public static bool IsOnlyFence(string value, FencedExpression fence) => fence.Start == 0 && fence.End == value.Length;
}
