using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Audits;

/// <summary>insecure-commands: <c>ACTIONS_ALLOW_UNSECURE_COMMANDS</c> in any <c>env:</c> (workflow, job, step, action).</summary>
public sealed class InsecureCommandsAudit : WorkflowAudit
{
    private const string Variable = "ACTIONS_ALLOW_UNSECURE_COMMANDS";

    public override Rule Rule => WorkflowRules.InsecureCommands;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        if (target.Workflow is { } workflow)
        {
            Check(workflow.Env, "the workflow", null, sink);
            foreach (var job in workflow.Jobs.OfType<NormalJob>())
            {
                Check(job.Env, $"job '{job.Id}'", job.Node, sink);
            }
        }
        else if (target.Action?.Env is { } actionEnv)
        {
            Check(actionEnv, "the action", null, sink);
        }

        foreach (var scope in StepScope.All(target))
        {
            Check(scope.Step.Env, $"step '{scope.Step.DisplayName}'", scope.Step.Node, sink);
        }
    }

    private void Check(EnvBlock? env, string owner, YamlNode? context, FindingSink sink)
    {
        if (env is null)
        {
            return;
        }

        if (env.IsExpression)
        {
            sink.Report(Rule, env.Node, $"{owner} takes its whole env: from an expression, which could enable {Variable}", Severity.Low, Confidence.Low, Persona.Auditor, context);
            return;
        }

        foreach (var (key, value) in env.Variables)
        {
            if (key.Value == Variable && value is YamlScalar scalar && scalar.Value.Trim().ToLowerInvariant() is not ("false" or "0" or ""))
            {
                sink.Report(Rule, key.Start, value.End, $"{owner} sets {Variable}, re-enabling the ::set-env and ::add-path log commands", Severity.High, Confidence.High, context: context);
            }
        }
    }
}
