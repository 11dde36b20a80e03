using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Audits;

/// <summary>A step with everything around it: its job and workflow, or its composite action.</summary>
public sealed record StepScope(Step Step, NormalJob? Job, WorkflowFile? Workflow, ActionFile? Action)
{
    /// <summary>Every step of a file: the steps of each normal job of a workflow, or of a composite action.</summary>
    public static IEnumerable<StepScope> All(AuditTarget target)
    {
        if (target.Workflow is { } workflow)
        {
            foreach (var job in workflow.Jobs.OfType<NormalJob>())
            {
                foreach (var step in job.Steps)
                {
                    yield return new StepScope(step, job, workflow, null);
                }
            }
        }
        else if (target.Action is { } action)
        {
            foreach (var step in action.Steps)
            {
                yield return new StepScope(step, null, null, action);
            }
        }
    }

    /// <summary>The value of <c>env.NAME</c> as seen by this step: step, then job, then workflow level.</summary>
    public YamlNode? LookupEnv(string name)
    {
        foreach (var block in (ReadOnlySpan<EnvBlock?>)[Step.Env, Job?.Env, Workflow?.Env])
        {
            if (block is null)
            {
                continue;
            }

            if ((block.Node as YamlMapping)?.GetIgnoringCase(name) is { } entry)
            {
                return entry.Value;
            }
        }

        return null;
    }
}
