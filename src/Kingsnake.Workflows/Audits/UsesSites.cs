using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Audits;

/// <summary>One <c>uses:</c> of a file: a step's, a composite step's or a reusable-workflow call's.</summary>
internal readonly record struct UsesSite(UsesReference Uses, YamlScalar Node, YamlNode Context, Step? Step);

internal static class UsesSites
{
    public static IEnumerable<UsesSite> All(AuditTarget target, bool includeReusableCalls = true)
    {
        if (target.Workflow is { } workflow)
        {
            foreach (var job in workflow.Jobs)
            {
                if (job is ReusableWorkflowCallJob call && includeReusableCalls)
                {
                    yield return new UsesSite(call.Uses, call.UsesNode, call.Node, null);
                }
                else if (job is NormalJob normal)
                {
                    foreach (var step in normal.Steps)
                    {
                        if (step.Uses is { } uses && step.UsesNode is { } node)
                        {
                            yield return new UsesSite(uses, node, step.Node, step);
                        }
                    }
                }
            }
        }
        else if (target.Action is { } action)
        {
            foreach (var step in action.Steps)
            {
                if (step.Uses is { } uses && step.UsesNode is { } node)
                {
                    yield return new UsesSite(uses, node, step.Node, step);
                }
            }
        }
    }
}
