using Kingsnake.Core.Findings;
using Kingsnake.Reporting.Markdown;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using SourceSpan = Kingsnake.Core.Findings.SourceSpan;

namespace Kingsnake.Reporting.Tests;

public sealed class MarkdownRendererTests
{
    private static string Render(Kingsnake.Core.Auditing.Report report, RenderOptions? options = null) =>
        new MarkdownRenderer(options ?? RenderOptions.Default).RenderToString(report);

    [Fact]
    public void Full_report_matches_the_reviewed_expected_file()
    {
        TestFiles.AssertMatchesExpected("report.md", Render(SampleReports.Full()));
    }

    /// <summary>The rows of every findings table (all tables but the summary), headers left out.</summary>
    private static List<List<Markdig.Extensions.Tables.TableCell>> FindingRows(MarkdownDocument document) =>
        [.. MarkdownInspection.Tables(document).Skip(1).SelectMany(t => MarkdownInspection.Rows(t).Skip(1))];

    [Fact]
    public void Summary_table_counts_each_area_and_severity()
    {
        var document = MarkdownInspection.Parse(Render(SampleReports.Full()));
        var summary = MarkdownInspection.Rows(MarkdownInspection.Tables(document)[0]);
        Assert.Equal(["Area", "Critical", "High", "Medium", "Low", "Info", "Total"], summary[0].Select(MarkdownInspection.Text));
        var counts = summary.Skip(1).ToDictionary(r => MarkdownInspection.Text(r[0]), r => string.Join(" ", r.Skip(1).Select(MarkdownInspection.Text)));
        // areas in the order the run's rules name them; posture ran and found nothing
        Assert.Equal(["deps", "code", "workflows", "packaging", "posture", "Total"], counts.Keys);
        Assert.Equal("0 1 1 1 0 3", counts["deps"]);
        Assert.Equal("0 1 0 0 1 2", counts["code"]);
        Assert.Equal("1 0 0 0 0 1", counts["workflows"]);
        Assert.Equal("0 0 1 0 0 1", counts["packaging"]);
        Assert.Equal("0 0 0 0 0 0", counts["posture"]);
        Assert.Equal("1 2 2 1 1 7", counts["Total"]);
    }

    [Fact]
    public void Findings_are_folded_by_severity_worst_first_with_critical_and_high_open()
    {
        var markdown = Render(SampleReports.Full());
        var sections = System.Text.RegularExpressions.Regex.Matches(markdown, "<details( open)?><summary><b>(\\w+)</b> \\((\\d+)\\)</summary>")
            .Select(m => (m.Groups[2].Value, m.Groups[3].Value, m.Groups[1].Success)).ToList();
        Assert.Equal([("Critical", "1", true), ("High", "2", true), ("Medium", "2", false), ("Low", "1", false), ("Info", "1", false)], sections);
        Assert.True(markdown.IndexOf("| Area |", StringComparison.Ordinal) < markdown.IndexOf("<details", StringComparison.Ordinal));
        var rows = FindingRows(MarkdownInspection.Parse(markdown));
        Assert.Equal(["Critical", "High", "High", "Medium", "Medium", "Low", "Info"], rows.Select(r => MarkdownInspection.Text(r[0])));
    }

    [Fact]
    public void Every_finding_is_one_row_of_five_cells_showing_the_message_as_written()
    {
        var report = SampleReports.Full();
        var document = MarkdownInspection.Parse(Render(report));
        Assert.All(MarkdownInspection.Tables(document).Skip(1), table =>
            Assert.Equal(["Severity", "Rule", "Location", "Message", "Fix"], MarkdownInspection.Rows(table)[0].Select(MarkdownInspection.Text)));
        var body = FindingRows(document);
        Assert.Equal(report.Findings.Count, body.Count);
        Assert.All(body, row => Assert.Equal(5, row.Count));

        // Messages with backticks, pipes, ${{ }} and non-ASCII text read back exactly, as plain text.
        foreach (var finding in report.Findings)
        {
            var row = Assert.Single(body, r => MarkdownInspection.Text(r[2]) == finding.Location.ToString());
            var shown = MarkdownInspection.Text(row[3]).Split('\n')[0];
            Assert.Equal(finding.Message, shown);
            Assert.DoesNotContain(MarkdownInspection.Interpreted(row[3]), i => i is not CodeInline);
        }
    }

    [Fact]
    public void Hostile_text_is_shown_literally_and_never_interpreted()
    {
        const string message = "<img src=x onerror=alert(1)> [click](https://evil.example) **bold** _it_ ~~gone~~ a|b `code` &copy; \\ $x$";
        var finding = SampleReports.ShellFinding() with
        {
            Message = message + "\nsecond line",
            Location = new SourceSpan("weird`name|x.py", 3, 1),
            Fix = new Fix("use `shlex.quote()` | or a list", []),
        };
        var document = MarkdownInspection.Parse(Render(SampleReports.Full([finding])));
        var row = MarkdownInspection.Rows(MarkdownInspection.Tables(document)[1])[1];
        Assert.Equal(5, row.Count);
        Assert.Equal(message + " second line", MarkdownInspection.Text(row[3]));
        Assert.Empty(MarkdownInspection.Interpreted(row[3]));
        Assert.Equal("weird`name|x.py:3:1", MarkdownInspection.Text(row[2]));
        // Shown as code: a <code> element, since a '|' cannot stand in a table's code span for every reader.
        Assert.Contains(row[2].Descendants<HtmlInline>(), h => h.Tag == "<code>");
        Assert.Equal("use `shlex.quote()` | or a list", MarkdownInspection.Text(row[4]));
    }

    [Fact]
    public void Dependency_rows_show_package_version_advisories_and_fix()
    {
        var document = MarkdownInspection.Parse(Render(SampleReports.Full()));
        var rows = FindingRows(document);
        var requests = Assert.Single(rows, r => MarkdownInspection.Text(r[2]) == "requirements.txt:7:1");
        Assert.Equal("requests >=2.20 (unpinned): PYSEC-2023-74", MarkdownInspection.Text(requests[3]).Split('\n')[1]);
        Assert.Equal("upgrade to 2.31.0", MarkdownInspection.Text(requests[4]));
        var py = Assert.Single(rows, r => MarkdownInspection.Text(r[2]) == "uv.lock:120:1");
        Assert.Equal("no fixed release", MarkdownInspection.Text(py[4]));
        var jinja = Assert.Single(rows, r => MarkdownInspection.Text(r[2]) == "requirements.txt:4:1");
        Assert.Equal("Pin jinja2==2.11.3", MarkdownInspection.Text(jinja[4]));
        var rule = Assert.IsType<LinkInline>(jinja[1].Descendants<LinkInline>().Single());
        Assert.Equal(SampleReports.VulnerableDependency.HelpUri, rule.Url);
    }

    [Fact]
    public void Errors_and_notes_are_listed_with_their_location()
    {
        var markdown = Render(SampleReports.Full());
        Assert.Contains("### Errors\n\n- `dist/broken-1.0-py3-none-any.whl` not a zip archive: end of central directory not found\n- `pyproject.toml:14:9` invalid TOML: expected '=' after the key\n", markdown, StringComparison.Ordinal);
        Assert.Contains("### Notes\n\n- `requirements.txt:1:1` --trusted-host names no dependency; ignored\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_lists_are_cut_at_the_limit_with_a_count_of_the_rest()
    {
        var markdown = Render(SampleReports.Full(), new RenderOptions { MaxListedFindings = 3 });
        var rows = FindingRows(MarkdownInspection.Parse(markdown));
        Assert.Equal(["Critical", "High", "High"], rows.Select(r => MarkdownInspection.Text(r[0])));
        Assert.Contains("…and 4 more findings, less severe, not listed here: `kingsnake audit --format terminal` shows them all", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_report_says_no_findings_and_has_no_findings_table()
    {
        var markdown = Render(SampleReports.Empty());
        Assert.Contains("**No findings**", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("### Findings", markdown, StringComparison.Ordinal);
        Assert.Single(MarkdownInspection.Tables(MarkdownInspection.Parse(markdown)));
    }

    [Theory]
    [InlineData("a|b", "a\\|b")]
    [InlineData("`x`", "\\`x\\`")]
    [InlineData("<script>", "\\<script\\>")]
    [InlineData("AT&T", "AT&amp;T")]
    [InlineData("one\r\ntwo", "one two")]
    [InlineData("plain text, 1.0", "plain text, 1.0")]
    public void Escape_makes_text_literal(string text, string expected)
    {
        Assert.Equal(expected, MarkdownText.Escape(text));
    }

    [Theory]
    [InlineData("path.py", "`path.py`")]
    [InlineData("a`b", "``a`b``")]
    [InlineData("`x", "`` `x ``")]
    [InlineData("a``b`", "``` a``b` ```")]
    [InlineData("a|b", "<code>a\\|b</code>")]
    [InlineData("a|`b*", "<code>a\\|\\`b\\*</code>")]
    public void Code_fences_backticks_and_pipes(string text, string expected)
    {
        Assert.Equal(expected, MarkdownText.Code(text));
    }

    [Theory]
    [InlineData("a`b")]
    [InlineData("`x")]
    [InlineData("a``b`")]
    [InlineData(" padded ")]
    public void Code_spans_read_back_as_the_original_text(string text)
    {
        var document = MarkdownInspection.Parse("para " + MarkdownText.Code(text, inTable: false));
        var code = Assert.Single(document.Descendants<CodeInline>());
        Assert.Equal(text, code.Content);
    }
}
