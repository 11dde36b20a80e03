using Kingsnake.Core.Findings;
using Kingsnake.Workflows.Auditing;

namespace Kingsnake.Workflows.Tests.Auditing;

/// <summary>
/// Workflows modelled on how Python projects test, document and release, each with the findings it should get
/// written in its header before the audit was run: <c># expect: &lt;rule&gt; &lt;severity&gt; @ &lt;text on the line&gt;</c>
/// (the first non-header line containing the text), or <c># expect: none</c>.
/// </summary>
public sealed class RealisticWorkflowTests
{
    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Data", "realistic");

    private static readonly string ConfigDirectory = Path.Combine(AppContext.BaseDirectory, "Data", "realistic-config");

    public static TheoryData<string> Files() => [.. System.IO.Directory.GetFiles(Directory, "*.yml").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal)];

    /// <summary>Dependabot and pre-commit configurations; the file name's prefix says which.</summary>
    public static TheoryData<string> ConfigFiles() => [.. System.IO.Directory.GetFiles(ConfigDirectory).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Files))]
    public void Findings_match_what_was_written_down(string file) =>
        Check(Path.Combine(Directory, file), $".github/workflows/{file}", WorkflowFileKind.Workflow);

    [Theory]
    [MemberData(nameof(ConfigFiles))]
    public void Config_findings_match_what_was_written_down(string file) =>
        Check(
            Path.Combine(ConfigDirectory, file),
            file.StartsWith("pre-commit.", StringComparison.Ordinal) ? ".pre-commit-config.yaml" : ".github/dependabot.yml",
            file.StartsWith("pre-commit.", StringComparison.Ordinal) ? WorkflowFileKind.PreCommit : WorkflowFileKind.Dependabot);

    private static void Check(string fullPath, string relativePath, WorkflowFileKind kind)
    {
        var file = Path.GetFileName(fullPath);
        var text = File.ReadAllText(fullPath);
        var lines = text.Split('\n');
        var expected = new List<string>();
        foreach (var line in lines.Where(l => l.StartsWith("# expect:", StringComparison.Ordinal)))
        {
            var spec = line["# expect:".Length..].Trim();
            if (spec == "none")
            {
                continue;
            }

            var at = spec.IndexOf(" @ ", StringComparison.Ordinal);
            var anchor = spec[(at + 3)..];
            var number = Array.FindIndex(lines, l => !l.StartsWith("# expect:", StringComparison.Ordinal) && l.Contains(anchor, StringComparison.Ordinal)) + 1;
            Assert.True(number > 0, $"anchor '{anchor}' not found in {file}");
            expected.Add($"{spec[..at]} {number}");
        }

        var result = new WorkflowAuditor().AuditText(relativePath, text, kind);
        Assert.Null(result.Error);
        var actual = result.Findings.Select(f => $"{f.Rule.Name} {f.Severity.ToName()} {f.Location.StartLine}").ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
    }
}
