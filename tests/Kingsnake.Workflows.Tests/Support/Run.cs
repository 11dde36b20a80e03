using Kingsnake.Core.Findings;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Audits;

namespace Kingsnake.Workflows.Tests.Support;

/// <summary>Runs the whole workflow audit over one file's text and returns the findings of one rule.</summary>
internal static class Run
{
    public static IReadOnlyList<Finding> Workflow(string yaml, string ruleName, Persona persona = Persona.Regular, UnpinnedPolicy policy = UnpinnedPolicy.HashPinThirdParty)
    {
        var result = new WorkflowAuditor(new WorkflowAuditOptions { Persona = persona, UnpinnedPolicy = policy })
            .AuditText(".github/workflows/ci.yml", yaml, WorkflowFileKind.Workflow);
        Assert.Null(result.Error);
        return [.. result.Findings.Where(f => f.Rule.Name == ruleName)];
    }

    public static IReadOnlyList<Finding> Action(string yaml, string ruleName, Persona persona = Persona.Regular)
    {
        var result = new WorkflowAuditor(new WorkflowAuditOptions { Persona = persona })
            .AuditText("action.yml", yaml, WorkflowFileKind.Action);
        Assert.Null(result.Error);
        return [.. result.Findings.Where(f => f.Rule.Name == ruleName)];
    }

    /// <summary>The source text a finding's span covers (single-line spans).</summary>
    public static string Covered(string yaml, Finding finding)
    {
        var lines = yaml.Split('\n');
        var line = lines[finding.Location.StartLine - 1];
        Assert.Equal(finding.Location.StartLine, finding.Location.EndLine);
        return line[(finding.Location.StartColumn - 1)..(finding.Location.EndColumn - 1)];
    }
}
