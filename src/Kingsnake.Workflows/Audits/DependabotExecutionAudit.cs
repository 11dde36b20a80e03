using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Auditing;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// dependabot-execution (zizmor.md §2): <c>insecure-external-code-execution: allow</c> lets Dependabot run code from
/// the dependencies it updates (setup.py, gradle scripts) with access to the registry credentials it was given.
/// Fix (unsafe: updates that need it stop working): <c>deny</c>.
/// </summary>
public sealed class DependabotExecutionAudit : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.DependabotExecution;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        foreach (var update in target.Dependabot?.Updates ?? [])
        {
            if (update.InsecureExternalCodeExecution is { Value: "allow" } allow)
            {
                var fix = new Fix("deny code execution", [new TextEdit(new SourceSpan(target.Path, allow.Start.Line, allow.Start.Column, allow.End.Line, allow.End.Column), "deny")]);
                sink.Report(Rule, allow, $"updates for {update.Ecosystem ?? "an ecosystem"} let Dependabot run the dependencies' own code with its registry credentials", Severity.High, Confidence.High, context: update.Node, fix: allow.Style == YamlScalarStyle.Plain ? fix : null);
            }
        }
    }
}
