using System.Text.Json;
using System.Text.RegularExpressions;

namespace Kingsnake.Cli.Tests;

/// <summary>
/// The Markdown report of a real audit with far more findings than a GitHub comment can list: Bandit-compatible
/// grading of IPython as installed for Python 3.11 (over a thousand findings, mostly asserts in its tests).
/// </summary>
[Trait("Category", "Corpus")]
public sealed partial class MarkdownFormatTests
{
    private static readonly CliRunner Runner = new();

    private static readonly string IPython = Path.Combine(TestPaths.Python311SitePackages, "IPython");

    [GeneratedRegex(@"\n…and (\d+) more findings, less severe, not listed here to keep this report within a GitHub comment")]
    private static partial Regex ClosingLine();

    [Fact]
    public void Markdown_of_a_code_audit_with_over_400_findings_fits_in_a_pull_request_comment()
    {
        var json = Runner.Run("audit", IPython, "--compat", "bandit", "--only", "code", "--format", "json", "--quiet");
        using var document = JsonDocument.Parse(json.Output);
        var summary = document.RootElement.GetProperty("summary");
        var total = summary.GetProperty("findings").GetInt32();
        Assert.True(total > 400, $"{total} findings: the input no longer tests the limit");

        var result = Runner.Run("audit", IPython, "--compat", "bandit", "--only", "code", "--format", "markdown", "--quiet");
        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        var markdown = result.Output;
        // GitHub's limit, counted in UTF-16 code units (never fewer than the characters GitHub counts)
        Assert.InRange(markdown.Length, 30_000, 65_536);

        // the summary comes first and counts everything; the listed rows and the closing line's count add up to it
        Assert.StartsWith($"## Kingsnake report\n\n**{total} findings**", markdown, StringComparison.Ordinal);
        var high = summary.GetProperty("bySeverity").GetProperty("high").GetInt32();
        Assert.Contains($"| **Total** | **0** | **{high}** |", markdown, StringComparison.Ordinal);
        var rows = Regex.Matches(markdown, @"^\| (Critical|High|Medium|Low|Info) \| ", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        var closing = ClosingLine().Match(markdown);
        Assert.True(closing.Success, markdown[^600..]);
        Assert.Equal(total, rows.Count + int.Parse(closing.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        // the high findings are all listed, first
        Assert.Equal(Enumerable.Repeat("High", high), rows.Take(high));
        Assert.Contains("`kingsnake audit --format terminal`", markdown[closing.Index..], StringComparison.Ordinal);
    }
}
