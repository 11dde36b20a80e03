using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Auditing;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// misfeature (zizmor.md §2): features that work but invite trouble. <c>actions/setup-python</c> with
/// <c>pip-install:</c> (unlocked, unhashed installs hidden in a setup step); <c>shell: cmd</c> (cmd's quoting and
/// <c>%VAR%</c> expansion make injection easy); and, for auditors, shells other than the well-known ones (custom
/// command templates). Step <c>shell:</c> and <c>defaults.run.shell</c> at workflow and job level are read.
/// </summary>
public sealed class MisfeatureAudit : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.Misfeature;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        foreach (var scope in StepScope.All(target))
        {
            var step = scope.Step;
            if (step.Uses is { } uses && uses.Is("actions/setup-python") && step.With?.GetKey("pip-install") is { } pipInstall)
            {
                sink.Report(Rule, pipInstall.Start, step.With.Get("pip-install")!.End, $"'{step.DisplayName}' installs packages through setup-python's pip-install:, without a lock file or hashes", Severity.Low, Confidence.High, context: step.Node);
            }

            if (step.Node.Get("shell") is YamlScalar shell)
            {
                CheckShell(shell, $"'{step.DisplayName}'", step.Node, sink);
            }
        }

        if (target.Workflow is { } workflow)
        {
            foreach (var owner in (IEnumerable<(YamlMapping Node, string Name)>)[(workflow.Root, "the workflow"), .. workflow.Jobs.Select(j => (j.Node, $"job '{j.Id}'"))])
            {
                if ((owner.Node.Get("defaults") as YamlMapping)?.Get("run") is YamlMapping run && run.Get("shell") is YamlScalar shell)
                {
                    CheckShell(shell, $"{owner.Name}'s default", owner.Node, sink);
                }
            }
        }
    }

    private void CheckShell(YamlScalar shell, string owner, YamlNode context, FindingSink sink)
    {
        var name = shell.Value.Trim();
        if (name.Equals("cmd", StringComparison.OrdinalIgnoreCase))
        {
            sink.Report(Rule, shell, $"{owner} shell is cmd, whose quoting and %VAR% expansion make injection easy; use pwsh or bash", Severity.Low, Confidence.High, context: context);
        }
        else if (name.Length > 0 && !name.Contains("${{", StringComparison.Ordinal) && name.ToLowerInvariant() is not ("bash" or "sh" or "pwsh" or "powershell" or "python"))
        {
            sink.Report(Rule, shell, $"{owner} shell '{name}' is not one of GitHub's well-known shells", Severity.Low, Confidence.High, Persona.Auditor, context);
        }
    }
}
