using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Audits;

namespace Kingsnake.Workflows.Tests.Auditing;

/// <summary>
/// Every audit, at the auditor persona, over damaged versions of the realistic files: each line deleted in turn, and
/// each line's value replaced by a scalar, a list or an expression. A file may become malformed (an input error
/// naming its line), but no audit may fail internally.
/// </summary>
public sealed class AuditRobustnessTests
{
    public static TheoryData<string> Files() =>
    [
        .. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Data", "realistic"), "*.yml"),
        .. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Data", "realistic-config")),
    ];

    [Theory]
    [MemberData(nameof(Files))]
    public void Damaged_files_give_findings_or_input_errors_never_internal_errors(string path)
    {
        var name = Path.GetFileName(path);
        var (relative, kind) = name.StartsWith("pre-commit.", StringComparison.Ordinal) ? (".pre-commit-config.yaml", WorkflowFileKind.PreCommit)
            : name.StartsWith("dependabot.", StringComparison.Ordinal) ? (".github/dependabot.yml", WorkflowFileKind.Dependabot)
            : ($".github/workflows/{name}", WorkflowFileKind.Workflow);
        var auditor = new WorkflowAuditor(new WorkflowAuditOptions
        {
            Persona = Persona.Auditor,
            ForbiddenUses = new UsesPolicy(["actions/*"], []),
            MaxParallelism = 1,
        });
        var lines = File.ReadAllText(path).Split('\n');
        var variants = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var colon = lines[i].IndexOf(": ", StringComparison.Ordinal);
            var damaged = new List<string> { string.Join('\n', lines.Where((_, k) => k != i)) };
            if (colon > 0 && !lines[i].TrimStart().StartsWith('#'))
            {
                foreach (var value in (ReadOnlySpan<string>)["42", "[a, b]", "{}", "${{ fromJSON(inputs.x) }}", "''", "~"])
                {
                    damaged.Add(string.Join('\n', lines.Select((l, k) => k == i ? l[..(colon + 2)] + value : l)));
                }
            }

            foreach (var text in damaged)
            {
                variants++;
                var result = auditor.AuditText(relative, text, kind);
                Assert.False(
                    result.Error?.Message.StartsWith("internal error", StringComparison.Ordinal) == true,
                    $"{name}, line {i + 1} damaged: {result.Error?.Message}");
            }
        }

        Assert.True(variants > lines.Length);
    }
}
