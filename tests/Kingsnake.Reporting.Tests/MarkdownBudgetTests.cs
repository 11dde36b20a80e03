using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Kingsnake.Core.Findings;
using Kingsnake.Reporting.Markdown;
using Markdig.Syntax;
using SourceSpan = Kingsnake.Core.Findings.SourceSpan;

namespace Kingsnake.Reporting.Tests;

/// <summary>
/// A GitHub comment holds 65,536 characters. Synthesized extremes: thousands of findings, messages of 100,000
/// characters, text of characters outside the BMP (two UTF-16 code units each), many errors.
/// </summary>
public sealed partial class MarkdownBudgetTests
{
    private static readonly Severity[] Severities = [Severity.Info, Severity.Low, Severity.Medium, Severity.High, Severity.Critical];

    private static Kingsnake.Core.Auditing.Report Many(int count, Func<int, string> message) =>
        SampleReports.Full([.. Enumerable.Range(0, count).Select(i => SampleReports.ShellFinding() with
        {
            Severity = Severities[(i * 7) % 5],
            Message = message(i),
            Location = new SourceSpan($"src/pkg{i % 31}/module{i}.py", (i % 300) + 1, 3, (i % 300) + 1, 40),
            Related = [],
            FingerprintSource = $"call {i}",
        })]);

    private static string Render(Kingsnake.Core.Auditing.Report report, int max = MarkdownRenderer.CommentLimit) =>
        new MarkdownRenderer(RenderOptions.Default, max).RenderToString(report);

    /// <summary>The severities of the listed rows, in order, and the count the closing line gives of the rest (0 without one).</summary>
    private static (List<string> Listed, int LeftOut) Listing(string markdown)
    {
        var rows = MarkdownInspection.Tables(MarkdownInspection.Parse(markdown)).Skip(1)
            .SelectMany(t => MarkdownInspection.Rows(t).Skip(1)).Select(r => MarkdownInspection.Text(r[0])).ToList();
        var closing = ClosingLine().Match(markdown);
        return (rows, closing.Success ? int.Parse(closing.Groups[1].Value, CultureInfo.InvariantCulture) : 0);
    }

    [GeneratedRegex(@"\n…and (\d+) more findings?, less severe, not listed here")]
    private static partial Regex ClosingLine();

    [Fact]
    public void Thousands_of_findings_fit_in_one_comment_most_severe_first()
    {
        var report = Many(3000, i => $"subprocess.run() with shell=True runs a command built from 'arg{i}' in handler number {i}");
        var markdown = Render(report);
        Assert.InRange(markdown.Length, 50_000, MarkdownRenderer.CommentLimit);

        var (listed, leftOut) = Listing(markdown);
        Assert.True(listed.Count > 100, $"only {listed.Count} listed");
        Assert.Equal(3000, listed.Count + leftOut);
        // every critical before any high, and so on: the severities never go up
        var ranks = listed.Select(s => Array.FindIndex(Severities, v => v.ToString() == s)).ToList();
        Assert.Equal(ranks.OrderByDescending(r => r), ranks);
        Assert.Equal(Math.Min(listed.Count, report.Findings.Count(f => f.Severity == Severity.Critical)), listed.Count(s => s == "Critical"));
        Assert.Contains("`kingsnake audit --format terminal` shows them all", markdown, StringComparison.Ordinal);
        Assert.EndsWith("<sub>Kingsnake 0.1.0</sub>\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_severity_cut_short_says_how_many_of_it_are_listed()
    {
        var markdown = Render(Many(3000, i => $"finding number {i} with a message of ordinary length"));
        var (listed, _) = Listing(markdown);
        var last = listed[^1];
        var total = Many(3000, _ => "").Findings.Count(f => f.Severity.ToString() == last);
        Assert.Contains($"<summary><b>{last}</b> ({total}, {listed.Count(s => s == last)} listed)</summary>", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_messages_are_shortened_and_the_report_still_fits()
    {
        var report = Many(200, i => new string((char)('a' + (i % 26)), 100_000) + " THE-END");
        var markdown = Render(report);
        Assert.InRange(markdown.Length, 1, MarkdownRenderer.CommentLimit);
        var (listed, leftOut) = Listing(markdown);
        Assert.NotEmpty(listed);
        Assert.Equal(200, listed.Count + leftOut);
        Assert.DoesNotContain("THE-END", markdown, StringComparison.Ordinal);
        Assert.Contains(new string('a', MarkdownRenderer.MaxMessageLength) + "…", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Characters_outside_the_bmp_count_as_two_and_are_never_split()
    {
        // 🔑 is one character but two UTF-16 code units; the budget counts code units, so it errs on the safe side
        // (an odd start, so that the cut at 600 code units falls between the two halves of a key)
        var report = Many(2000, i => "x" + string.Concat(Enumerable.Repeat("🔑", 400)) + i.ToString(CultureInfo.InvariantCulture));
        var markdown = Render(report);
        Assert.InRange(markdown.Length, 1, MarkdownRenderer.CommentLimit);
        Assert.True(AllSurrogatesPaired(markdown));
        Assert.Contains("x" + string.Concat(Enumerable.Repeat("🔑", 299)) + "…", markdown, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(markdown) > MarkdownRenderer.CommentLimit, "the test needs more bytes than characters");
        var (listed, leftOut) = Listing(markdown);
        Assert.Equal(2000, listed.Count + leftOut);
    }

    [Fact]
    public void Errors_and_notes_are_not_crowded_out_by_findings()
    {
        var report = Many(3000, i => $"a finding of ordinary length, number {i}") with
        {
            Errors = [.. Enumerable.Range(0, 5000).Select(i => new InputError(new SourceSpan($"pkg/broken{i}.py", 1, 1), "SyntaxError: invalid syntax"))],
        };
        var markdown = Render(report);
        Assert.InRange(markdown.Length, 1, MarkdownRenderer.CommentLimit);
        Assert.Contains("### Errors\n\n- `pkg/broken0.py:1:1` SyntaxError: invalid syntax\n", markdown, StringComparison.Ordinal);
        var errorsListed = Regex.Matches(markdown, @"\n- `pkg/broken\d+\.py:1:1`").Count;
        Assert.Contains($"- …and {5000 - errorsListed} more; `kingsnake audit --format terminal` and the JSON report list them all.", markdown, StringComparison.Ordinal);
        Assert.Contains("### Notes\n\n- `requirements.txt:1:1` --trusted-host names no dependency; ignored\n", markdown, StringComparison.Ordinal);
        var (listed, leftOut) = Listing(markdown);
        Assert.Equal(3000, listed.Count + leftOut);
        Assert.True(listed.Count > 50);
    }

    [Theory]
    [InlineData(2_000)]
    [InlineData(10_000)]
    [InlineData(30_000)]
    public void Any_budget_is_kept(int max)
    {
        var markdown = Render(Many(1000, i => $"finding {i}"), max);
        Assert.InRange(markdown.Length, 1, max);
        var (listed, leftOut) = Listing(markdown);
        Assert.Equal(1000, listed.Count + leftOut);
    }

    [Fact]
    public void A_report_that_fits_lists_everything_without_a_closing_line()
    {
        var markdown = Render(Many(100, i => $"finding {i}"));
        var (listed, leftOut) = Listing(markdown);
        Assert.Equal(100, listed.Count);
        Assert.Equal(0, leftOut);
        Assert.DoesNotContain("not listed here", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Rule_links_are_defined_once_and_resolve()
    {
        var markdown = Render(Many(50, i => $"finding {i}"));
        Assert.Single(Regex.Matches(markdown, "^\\[py602\\]: ", RegexOptions.Multiline));
        var document = MarkdownInspection.Parse(markdown);
        var links = document.Descendants<Markdig.Syntax.Inlines.LinkInline>().ToList();
        Assert.Equal(100, links.Count);
        Assert.All(links, l => Assert.Equal(SampleReports.ShellTrue.HelpUri, l.Url));
    }

    private static bool AllSurrogatesPaired(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
