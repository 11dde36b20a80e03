using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Suppression;
using Kingsnake.Reporting.Json;
using Kingsnake.Reporting.Markdown;
using Kingsnake.Reporting.Terminal;

namespace Kingsnake.Reporting.Tests;

/// <summary>Suppressed findings: counted by reason in every summary, listed with their reasons when asked.</summary>
public sealed class SuppressedReportTests
{
    private static readonly RenderOptions Show = new() { ShowSuppressed = true };

    /// <summary>The sample report with three more suppressions: two # noqa comments on different lines and a ruff ignore entry.</summary>
    private static Kingsnake.Core.Auditing.Report Report()
    {
        var report = SampleReports.Full();
        var shell = SampleReports.ShellFinding();
        return report with
        {
            Suppressed =
            [
                .. report.Suppressed,
                new SuppressedFinding(shell, new SuppressionReason(SuppressionKind.RuffNoqa, "# noqa: S602", new SourceSpan(shell.Location.Path, shell.Location.StartLine, 40))),
                new SuppressedFinding(shell with { Location = shell.Location with { StartLine = 90 } }, new SuppressionReason(SuppressionKind.RuffNoqa, "# noqa", new SourceSpan(shell.Location.Path, 90, 12))),
                new SuppressedFinding(SampleReports.PasswordFinding(), new SuppressionReason(SuppressionKind.RuffIgnore, "ruff ignore \"S105\"", new SourceSpan("ruff.toml", 4, 5))),
            ],
        };
    }

    [Fact]
    public void Json_counts_by_reason_and_lists_each_suppression_only_when_asked_and_stays_valid()
    {
        var schema = JsonReportTests.PublishedSchema;
        foreach (var options in (RenderOptions[])[RenderOptions.Default, Show])
        {
            var json = new JsonReportRenderer(options).RenderToString(Report());
            using (var document = JsonDocument.Parse(json))
            {
                var results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
                Assert.True(results.IsValid, json);
            }

            var root = JsonNode.Parse(json)!;
            var by = root["summary"]!["suppressedBy"]!.AsArray();
            Assert.Equal(4, root["summary"]!["suppressed"]!.GetValue<int>());
            Assert.Equal(["ruff-noqa:2:", "ruff-ignore:1:ruff.toml", "ruff-per-file-ignores:1:pyproject.toml"], by.Select(b => $"{b!["kind"]}:{b["count"]}:{b["location"]?["path"]}"));
            Assert.Equal(options.ShowSuppressed, root["suppressed"] is not null);
        }

        var listed = JsonNode.Parse(new JsonReportRenderer(Show).RenderToString(Report()))!["suppressed"]!.AsArray();
        var ignore = listed.Single(s => s!["suppression"]!["kind"]!.GetValue<string>() == "ruff-ignore")!;
        Assert.Equal("ruff ignore \"S105\"", ignore["suppression"]!["detail"]!.GetValue<string>());
        Assert.Equal(4, ignore["suppression"]!["location"]!["startLine"]!.GetValue<int>());
    }

    [Fact]
    public void Terminal_summary_gives_the_reasons_and_the_listing_each_finding_with_its_reason()
    {
        var plain = new TerminalRenderer().RenderToString(Report());
        Assert.Contains("4 suppressed (2 by # noqa comments, 1 by ruff ignore (ruff.toml:4), 1 by ruff per-file-ignores (pyproject.toml:31))", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("suppressed by", plain, StringComparison.Ordinal);

        var shown = new TerminalRenderer(Show).RenderToString(Report());
        Assert.Contains("suppressed by ruff ignore \"S105\" (ruff.toml:4)", shown, StringComparison.Ordinal);
        Assert.Contains("suppressed by # noqa (", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_lists_suppressions_in_a_folded_section_only_when_asked()
    {
        Assert.DoesNotContain("<summary>Suppressed", new MarkdownRenderer().RenderToString(Report()), StringComparison.Ordinal);
        var shown = new MarkdownRenderer(Show).RenderToString(Report());
        Assert.Contains("<details><summary>Suppressed (4)</summary>", shown, StringComparison.Ordinal);
        Assert.Contains(" noqa comments |  | 2 |", shown, StringComparison.Ordinal);
        Assert.Contains("| `PY602` ", shown, StringComparison.Ordinal);
    }
}
