using System.Text.RegularExpressions;
using Kingsnake.Core.Findings;
using Kingsnake.Reporting.Terminal;

namespace Kingsnake.Reporting.Tests;

public sealed partial class TerminalRendererTests
{
    private static string Render(Kingsnake.Core.Auditing.Report report, RenderOptions? options = null) =>
        new TerminalRenderer(options ?? RenderOptions.Default).RenderToString(report);

    [GeneratedRegex("\e\\[[0-9;]*m")]
    private static partial Regex AnsiSequence();

    [Fact]
    public void Plain_output_matches_the_reviewed_expected_file()
    {
        TestFiles.AssertMatchesExpected("terminal.txt", Render(SampleReports.Full()));
    }

    [Fact]
    public void Coloured_output_matches_the_reviewed_expected_file()
    {
        TestFiles.AssertMatchesExpected("terminal-color.txt", Render(SampleReports.Full(), new RenderOptions { Color = true }));
    }

    [Fact]
    public void Narrow_output_matches_the_reviewed_expected_file()
    {
        TestFiles.AssertMatchesExpected("terminal-width60.txt", Render(SampleReports.Full(), new RenderOptions { Width = 60 }));
    }

    [Fact]
    public void A_finding_without_an_automatic_fix_shows_its_rules_remedy()
    {
        var lines = Render(SampleReports.Full()).Split('\n');
        // The shell finding has no fix of its own: its rule's one-line remedy is shown, then the link.
        var remedy = Array.FindIndex(lines, l => l.Trim() == "fix: pass a list of arguments and `shell=False`.");
        Assert.True(remedy > 0);
        Assert.StartsWith("help: ", lines[remedy + 1].Trim(), StringComparison.Ordinal);
        Assert.EndsWith("#py602", lines[remedy + 1].Trim(), StringComparison.Ordinal);

        // A dependency finding names its fixed version instead; its rule's remedy is not repeated.
        Assert.Contains(lines, l => l.Trim() == "fix: Pin jinja2==2.11.3");
        Assert.DoesNotContain(lines, l => l.Contains("upgrade to the first fixed release", StringComparison.Ordinal));

        // A rule whose help names no fix adds no line.
        var password = Render(SampleReports.Full([SampleReports.PasswordFinding()]));
        Assert.DoesNotContain("fix:", password, StringComparison.Ordinal);
    }

    [Fact]
    public void Colour_only_adds_escape_sequences_to_the_plain_text()
    {
        var plain = Render(SampleReports.Full());
        var coloured = Render(SampleReports.Full(), new RenderOptions { Color = true });
        Assert.DoesNotContain('\e', plain);
        Assert.Contains("\e[1;35mcritical\e[0m", coloured, StringComparison.Ordinal);
        Assert.Equal(plain, AnsiSequence().Replace(coloured, ""));
    }

    [Fact]
    public void Coloured_output_wraps_where_plain_output_does()
    {
        var plain = Render(SampleReports.Full(), new RenderOptions { Width = 60 });
        var coloured = Render(SampleReports.Full(), new RenderOptions { Width = 60, Color = true });
        Assert.Equal(plain, AnsiSequence().Replace(coloured, ""));
    }

    [Fact]
    public void Every_finding_has_a_location_line_with_severity_rule_and_name_under_its_path_printed_once()
    {
        var report = SampleReports.Full();
        var text = Render(report);
        var lines = text.Split('\n');
        foreach (var finding in report.Findings)
        {
            var where = finding.Location.HasLine ? $"{finding.Location.StartLine}:{finding.Location.StartColumn}" : "file";
            var expected = $"  {where}: {finding.Severity.ToName()} {finding.Rule.Id} {finding.Rule.Name}";
            var index = Array.IndexOf(lines, expected);
            Assert.True(index >= 0, $"no line '{expected}'");
            Assert.Equal("    " + finding.Message, lines[index + 1]);

            // the group's heading above it is the finding's path, which no finding line repeats
            var heading = lines.Take(index).Last(l => l.Length > 0 && l[0] != ' ');
            Assert.Equal(finding.Location.Path, heading);
            Assert.Single(lines, l => l == finding.Location.Path);
        }
    }

    [Fact]
    public void Findings_are_grouped_under_one_header_per_file_in_path_order()
    {
        var headers = Render(SampleReports.Full()).Split('\n').Where(l => l.Length > 0 && l[0] != ' ' && !l.EndsWith(':')).ToList();
        Assert.Equal(
            [".github/workflows/triage.yml", "requirements.txt", "setup.py", "src/app/tâches.py", "uv.lock",
             "7 findings: 1 critical, 2 high, 2 medium, 1 low, 1 info; 1 suppressed (1 by ruff per-file-ignores (pyproject.toml:31)); 2 errors; 1 note"],
            headers);
    }

    [Fact]
    public void Dependency_findings_show_package_version_fix_advisories_and_chain()
    {
        var text = Render(SampleReports.Full());
        Assert.Contains("    jinja2 2.11.2 → 2.11.3  PYSEC-2021-66 (CVE-2020-28493, GHSA-g3rq-g295-4j3m, SNYK-PYTHON-JINJA2-1012994)\n", text, StringComparison.Ordinal);
        Assert.Contains("    requests >=2.20 (unpinned) → 2.31.0  PYSEC-2023-74 (CVE-2023-32681, GHSA-j8r2-6x86-q33q)\n", text, StringComparison.Ordinal);
        Assert.Contains("    py 1.11.0 → no fixed release  PYSEC-2022-42969 (CVE-2022-42969, GHSA-w596-4wvx-j9j6)\n", text, StringComparison.Ordinal);
        Assert.Contains("    introduced by: pytest → py\n", text, StringComparison.Ordinal);
        Assert.Contains("    fix: Pin jinja2==2.11.3\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_are_listed_with_file_and_line_before_the_summary()
    {
        var text = Render(SampleReports.Full());
        Assert.Contains("errors:\n  dist/broken-1.0-py3-none-any.whl: error: not a zip archive: end of central directory not found\n  pyproject.toml:14:9: error: invalid TOML: expected '=' after the key\n", text, StringComparison.Ordinal);
        Assert.EndsWith("2 errors; 1 note\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Escape_sequences_and_line_breaks_in_project_text_cannot_reach_the_terminal()
    {
        // A hostile file name or message must not clear the screen or forge extra report lines.
        var finding = SampleReports.ShellFinding() with
        {
            Message = "clear\e[2J\e]0;title\a then\nfake.py:1:1: critical PY000 forged",
            Location = new SourceSpan("evil\e[31m.py", 1, 1),
        };
        var text = Render(SampleReports.Full([finding]), new RenderOptions { Color = true });
        var withoutOurColours = AnsiSequence().Replace(text, "");
        Assert.DoesNotContain('\e', withoutOurColours);
        Assert.DoesNotContain('\a', text);
        Assert.DoesNotContain("\nfake.py", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrapped_lines_fit_the_width_except_unbreakable_links()
    {
        var lines = Render(SampleReports.Full(), new RenderOptions { Width = 60 }).TrimEnd('\n').Split('\n');
        var detail = lines.Where(l => l.StartsWith("    ", StringComparison.Ordinal) && !l.StartsWith("    help: ", StringComparison.Ordinal));
        Assert.All(detail, l => Assert.True(l.Length <= 60, $"{l.Length} columns: {l}"));
        Assert.Contains("      the urlize filter)", lines);
    }

    [Fact]
    public void Empty_report_says_so_in_one_line()
    {
        Assert.Equal("No findings\n", Render(SampleReports.Empty()));
    }

    [Fact]
    public void Timings_are_shown_only_when_asked()
    {
        Assert.DoesNotContain("timings:", Render(SampleReports.Full()), StringComparison.Ordinal);
        var text = Render(SampleReports.Full(), new RenderOptions { ShowTimings = true });
        Assert.Contains("timings:\n  deps        12.5 ms  3 components\n  code        40.3 ms\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alpha beta gamma delta", 11, new[] { "alpha beta", "gamma delta" })]
    [InlineData("https://example.org/a/very/long/url short", 10, new[] { "https://example.org/a/very/long/url", "short" })]
    [InlineData("fits", 10, new[] { "fits" })]
    [InlineData("\e[1mbold\e[0m word", 9, new[] { "\e[1mbold\e[0m word" })]
    public void Wrap_breaks_at_spaces_and_counts_visible_columns(string text, int width, string[] expected)
    {
        Assert.Equal(expected, TextWrap.Wrap(text, width));
    }
}

public sealed class TerminalAdvisoryListTests
{
    [Fact]
    public void A_long_advisory_list_is_abbreviated_and_aliases_dropped()
    {
        var ids = Enumerable.Range(1, 20).Select(i => $"PYSEC-2020-{i}").ToList();
        var finding = SampleReports.RequestsFinding() with
        {
            Data = Assert.IsType<DependencyFindingData>(SampleReports.RequestsFinding().Data) with { Advisories = ids },
        };
        var text = new TerminalRenderer(RenderOptions.Default).RenderToString(SampleReports.Full([finding]));

        Assert.Contains("PYSEC-2020-1, PYSEC-2020-2, PYSEC-2020-3, PYSEC-2020-4, PYSEC-2020-5, PYSEC-2020-6 and 14 more", text, StringComparison.Ordinal);
        Assert.DoesNotContain("PYSEC-2020-7", text, StringComparison.Ordinal);
        Assert.DoesNotContain("CVE-2023-32681", text, StringComparison.Ordinal);
    }
}
