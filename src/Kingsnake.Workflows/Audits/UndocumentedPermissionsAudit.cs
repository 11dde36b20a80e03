using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// undocumented-permissions (zizmor.md §2, pedantic): an explicit permission scope without a trailing comment that
/// says why it is needed. <c>contents: read</c> (the baseline every checkout needs) and <c>none</c> grants are exempt.
/// </summary>
public sealed class UndocumentedPermissionsAudit : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.UndocumentedPermissions;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        if (target.Workflow is not { } workflow)
        {
            return;
        }

        Check(target, workflow.Permissions, "the workflow", null, sink);
        foreach (var job in workflow.Jobs)
        {
            Check(target, job.Permissions, $"job '{job.Id}'", job.Node, sink);
        }
    }

    private void Check(AuditTarget target, Permissions? permissions, string owner, YamlNode? context, FindingSink sink)
    {
        if (permissions is not { Kind: PermissionsKind.Explicit })
        {
            return;
        }

        foreach (var scope in permissions.Scopes)
        {
            if ((scope.Name == "contents" && scope.Level == "read") || scope.Level == "none" || HasTrailingComment(target, scope))
            {
                continue;
            }

            sink.Report(Rule, scope.Key.Start, scope.Value.End, $"{owner} grants {scope.Name}: {scope.Level} without a comment saying why", Severity.Low, Confidence.High, Persona.Pedantic, context);
        }
    }

    private static bool HasTrailingComment(AuditTarget target, PermissionScope scope)
    {
        var end = scope.Value.End;
        var line = target.Source.Line(end.Line);
        var rest = end.Column - 1 <= line.Length ? line[(end.Column - 1)..].TrimStart() : [];
        return rest.StartsWith("#");
    }
}
