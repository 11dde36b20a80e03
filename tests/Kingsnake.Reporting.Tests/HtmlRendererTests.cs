using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Kingsnake.Core.Auditing;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Suppression;
using Kingsnake.Reporting.Common;
using Kingsnake.Reporting.Html;

namespace Kingsnake.Reporting.Tests;

/// <summary>
/// The HTML report read back by an HTML5 parser (AngleSharp, which follows the WHATWG parsing algorithm as browsers do):
/// what a browser would build from the bytes, not what the renderer meant to write.
/// </summary>
public sealed class HtmlRendererTests
{
    private const string ScriptBreakout = "</script><script>alert(1)</script>";

    /// <summary>The lines of the files the sample findings point at, as the CLI passes them through the project.</summary>
    private static readonly ISourceLines SampleSources = SourceLines.FromText(new Dictionary<string, string>
    {
        ["src/app/tâches.py"] = string.Join('\n', Enumerable.Range(1, 20).Select(n => n switch
        {
            3 => "DB_PASSWORD = \"パスワード🔑\"",
            12 => "    subprocess.run(commande, shell=True)",
            _ => $"# line {n}",
        })),
        ["requirements.txt"] = "flask==2.0.0\nclick\n\njinja2==2.11.2\nitsdangerous\n\nrequests>=2.20\n",
    });

    private static IDocument Parse(Report report, ISourceLines? sources = null)
    {
        var html = new HtmlRenderer(new RenderOptions { Sources = sources ?? SampleSources }).RenderToString(report);
        return new HtmlParser().ParseDocument(html);
    }

    private static int Count(IDocument document, string key) =>
        int.Parse(document.QuerySelector($"[data-count=\"{key}\"]")!.TextContent, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Counts_by_severity_and_area_are_the_reports()
    {
        var report = SampleReports.Full();
        var document = Parse(report);
        var counts = new SeverityCounts(report.Findings);

        Assert.Equal(report.Findings.Count, Count(document, "total"));
        foreach (var severity in SeverityCounts.WorstFirst)
        {
            Assert.Equal(counts[severity], Count(document, "severity:" + severity.ToName()));
        }

        // every area of the rules the run used is counted, even one with no finding (posture's rule found nothing)
        foreach (var area in new[] { "deps", "workflows", "code", "packaging", "posture" })
        {
            Assert.Equal(report.Findings.Count(f => f.Rule.Area == area), Count(document, "area:" + area));
        }

        Assert.Equal(3, Count(document, "vulnerable"));
    }

    [Fact]
    public void Each_finding_is_one_entry_under_its_area_and_severity()
    {
        var report = SampleReports.Full();
        var document = Parse(report);
        var entries = document.QuerySelectorAll("article.finding");
        Assert.Equal(report.Findings.Count, entries.Length);
        foreach (var entry in entries)
        {
            var id = entry.QuerySelector(".rule code")!.TextContent;
            var where = entry.QuerySelector(".where code")!.TextContent;
            var finding = Assert.Single(report.Findings, f => f.Rule.Id == id && f.Location.ToString() == where);
            Assert.Equal(finding.Severity.ToName(), entry.GetAttribute("data-severity"));
            Assert.Equal(finding.Rule.Area, entry.GetAttribute("data-area"));
            Assert.Equal(finding.Message, entry.QuerySelector(".message")!.TextContent);
            Assert.Equal(finding.Rule.HelpUri, entry.QuerySelector("a.rule")!.GetAttribute("href"));
            // grouped: the enclosing severity section is headed by the finding's severity
            var heading = entry.ParentElement!.QuerySelector("h4 .badge")!.TextContent;
            Assert.Equal(finding.Severity.ToName(), heading);
        }

        // areas in the page's order, dependencies first
        var areaHeadings = document.QuerySelectorAll("section.area > h3").Select(h => h.TextContent.Split(' ')[0]).ToList();
        Assert.Equal(["Dependencies", "Workflows", "Code", "Packaging"], areaHeadings);
    }

    [Fact]
    public void Fix_is_the_findings_own_else_the_safe_version_else_the_rules_remedy()
    {
        var document = Parse(SampleReports.Full());
        string FixOf(string location) =>
            document.QuerySelectorAll("article.finding").Single(e => e.QuerySelector(".where code")!.TextContent == location)
                .QuerySelector(".fix")?.TextContent ?? "";

        Assert.Equal("Fix: Pin jinja2==2.11.3", FixOf("requirements.txt:4:1"));
        Assert.Equal("Fix: upgrade requests to 2.31.0", FixOf("requirements.txt:7:1"));
        Assert.Equal("Fix: no fixed release is known", FixOf("uv.lock:120:1"));
        Assert.Equal("Fix: " + SampleReports.ShellTrue.Remedy, FixOf("src/app/tâches.py:12:5"));
        // a rule whose help has no fix paragraph gives no fix line rather than an empty one
        Assert.Equal("", FixOf("src/app/tâches.py:3:1"));
    }

    [Fact]
    public void Excerpt_numbers_the_lines_around_the_finding_and_marks_its_own()
    {
        var document = Parse(SampleReports.Full());
        var shell = document.QuerySelectorAll("article.finding").Single(e => e.QuerySelector(".where code")!.TextContent == "src/app/tâches.py:12:5");
        var lines = shell.QuerySelectorAll("pre.excerpt .line");
        Assert.Equal(["10", "11", "12", "13", "14"], lines.Select(l => l.QuerySelector(".ln")!.TextContent));
        var hit = Assert.Single(lines, l => l.ClassList.Contains("hit"));
        Assert.Equal("12    subprocess.run(commande, shell=True)\n", hit.TextContent);

        // the first line of a file has no line before it; a whole-file finding and a file not at hand show no excerpt
        var password = document.QuerySelectorAll("article.finding").Single(e => e.QuerySelector(".where code")!.TextContent == "src/app/tâches.py:3:1");
        Assert.Equal(["1", "2", "3", "4", "5"], password.QuerySelectorAll("pre.excerpt .ln").Select(l => l.TextContent));
        Assert.Empty(document.QuerySelectorAll("article.finding").Single(e => e.QuerySelector(".where code")!.TextContent == "setup.py").QuerySelectorAll("pre"));
        Assert.Empty(document.QuerySelectorAll("article.finding").Single(e => e.QuerySelector(".where code")!.TextContent == "uv.lock:120:1").QuerySelectorAll("pre"));
    }

    [Fact]
    public void Long_spans_and_long_lines_are_cut()
    {
        var finding = SampleReports.ShellFinding() with { Location = new SourceSpan("big.py", 3, 1, 40, 2) };
        var sources = SourceLines.FromText(new Dictionary<string, string>
        {
            ["big.py"] = string.Join('\n', Enumerable.Range(1, 50).Select(n => n == 4 ? new string('x', 5000) : $"line {n}")),
        });
        var document = Parse(SampleReports.Full([finding]), sources);
        var lines = document.QuerySelectorAll("pre.excerpt .line");
        // two lines of context, eight of the span, two more of context: never the 38 lines of the whole span
        Assert.Equal(Enumerable.Range(1, 12).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), lines.Select(l => l.QuerySelector(".ln")!.TextContent));
        Assert.Equal(8, lines.Count(l => l.ClassList.Contains("hit")));
        Assert.Equal("4" + new string('x', 400) + "…\n", lines[3].TextContent);
    }

    [Fact]
    public void Hostile_text_in_messages_paths_and_code_stays_text()
    {
        const string path = "<img src=x onerror=alert(2)>.py";
        var finding = SampleReports.ShellFinding() with
        {
            Message = $"subprocess.run() runs {ScriptBreakout} & <b onmouseover=alert(3)>x</b> 'quoted' \"double\"",
            Location = new SourceSpan(path, 2, 1, 2, 10),
            Fix = new Fix($"remove {ScriptBreakout}", []),
        };
        var dependency = SampleReports.JinjaFinding() with
        {
            Data = ((DependencyFindingData)SampleReports.JinjaFinding().Data!) with { Package = "<svg onload=alert(4)>", FixedIn = "\"><script>alert(5)</script>" },
        };
        var sources = SourceLines.FromText(new Dictionary<string, string>
        {
            [path] = $"import subprocess\nsubprocess.run(\"{ScriptBreakout}\", shell=True)\n",
        });
        var report = SampleReports.Full([finding, dependency]) with { RootPath = "/tmp/</title><script>alert(6)</script>" };
        var document = Parse(report, sources);

        // the page's own script is the only one, and no element came from the project's text
        var script = Assert.Single(document.QuerySelectorAll("script"));
        Assert.DoesNotContain("alert", script.TextContent, StringComparison.Ordinal);
        Assert.Empty(document.QuerySelectorAll("img, b, svg[onload], [onerror], [onload], [onmouseover]"));

        var entry = document.QuerySelectorAll("article.finding").Single(e => e.QuerySelector(".rule code")!.TextContent == "PY602");
        Assert.Equal(finding.Message, entry.QuerySelector(".message")!.TextContent);
        Assert.Equal($"{path}:2:1", entry.QuerySelector(".where code")!.TextContent);
        Assert.Equal($"2subprocess.run(\"{ScriptBreakout}\", shell=True)\n", entry.QuerySelector(".hit")!.TextContent);
        Assert.Equal($"Fix: remove {ScriptBreakout}", entry.QuerySelector(".fix")!.TextContent);
        Assert.Equal($"Kingsnake report: {report.RootPath}", document.Title);
        var row = Assert.Single(document.QuerySelectorAll("#dependencies tr.dependency"));
        Assert.Equal("<svg onload=alert(4)>", row.Children[0].TextContent);
        Assert.Equal("\"><script>alert(5)</script>", row.Children[4].TextContent);
    }

    [Fact]
    public void Control_characters_are_shown_as_replacement_characters()
    {
        var finding = SampleReports.ShellFinding() with { Message = "a\u0000b\u001bc\u007fd\te" };
        var document = Parse(SampleReports.Full([finding]));
        Assert.Equal("a\uFFFDb\uFFFDc\uFFFDd\te", document.QuerySelector(".message")!.TextContent);
    }

    [Fact]
    public void Page_loads_nothing_from_anywhere()
    {
        var html = new HtmlRenderer(new RenderOptions { Sources = SampleSources }).RenderToString(SampleReports.Full());
        var document = new HtmlParser().ParseDocument(html);

        var policy = Assert.Single(document.QuerySelectorAll("meta[http-equiv=\"Content-Security-Policy\"]"));
        Assert.Equal(HtmlRenderer.ContentSecurityPolicy, policy.GetAttribute("content"));
        Assert.Contains("default-src 'none'", HtmlRenderer.ContentSecurityPolicy, StringComparison.Ordinal);
        // the policy comes before anything it governs
        Assert.Same(policy, document.Head!.Children.First(e => e.LocalName != "meta" || e.GetAttribute("charset") is null));

        Assert.Empty(document.QuerySelectorAll("link, img, iframe, object, embed, video, audio, source, base, [src]"));
        Assert.DoesNotContain("url(", document.QuerySelector("style")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", document.QuerySelector("style")!.TextContent, StringComparison.Ordinal);
        // the only addresses are the rules' documentation, followed only if the reader clicks
        Assert.All(document.QuerySelectorAll("[href]"), a => Assert.StartsWith("https://github.com/kingsnake-security/kingsnake/blob/main/docs/rules.md#", a.GetAttribute("href"), StringComparison.Ordinal));
    }

    [Fact]
    public void Header_names_the_run_and_the_database()
    {
        var document = Parse(SampleReports.Full());
        var facts = document.QuerySelector("header dl")!.Children.Chunk(2).ToDictionary(p => p[0].TextContent, p => p[1].TextContent);
        Assert.Equal("/home/ci/projects/démo", facts["Project"]);
        Assert.Equal("2025-01-15 10:30:00 UTC", facts["Started"]);
        Assert.Equal("0.1.0", facts["Kingsnake"]);
        Assert.Equal("3 days", facts["Database age"]);
        Assert.Equal("sha256:5f1c0e7d", facts["Database content hash"]);
        Assert.StartsWith("1 (1 by ", facts["Suppressed"], StringComparison.Ordinal);
        Assert.Equal("2", facts["Input errors"]);
        Assert.Equal(["Errors", "Notes"], document.QuerySelectorAll("#errors h2, #notes h2").Select(h => h.TextContent));
    }

    [Fact]
    public void Charts_draw_one_bar_per_severity_and_area_scaled_to_the_largest()
    {
        var report = SampleReports.Full();
        var document = Parse(report);
        var charts = document.QuerySelectorAll("svg.chart");
        Assert.Equal(2, charts.Length);
        var severityBars = charts[0].QuerySelectorAll("rect");
        Assert.Equal(5, severityBars.Length);
        var counts = new SeverityCounts(report.Findings);
        var widths = severityBars.Select(r => int.Parse(r.GetAttribute("width")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var most = SeverityCounts.WorstFirst.Max(s => counts[s]);
        for (var i = 0; i < 5; i++)
        {
            var count = counts[SeverityCounts.WorstFirst[i]];
            Assert.Equal($"{char.ToUpperInvariant(SeverityCounts.WorstFirst[i].ToName()[0])}{SeverityCounts.WorstFirst[i].ToName()[1..]}: {count}", severityBars[i].TextContent);
            Assert.Equal(count == most, widths[i] == widths.Max());
            Assert.Equal(count == 0, widths[i] == 0);
        }

        Assert.Equal(5, charts[1].QuerySelectorAll("rect").Length);
    }

    [Fact]
    public void Empty_report_says_so_and_offers_no_filters()
    {
        var document = Parse(SampleReports.Empty());
        Assert.Equal(0, Count(document, "total"));
        Assert.Empty(document.QuerySelectorAll("article.finding, form#filters, #dependencies"));
        Assert.Equal("No findings.", document.QuerySelector("#findings p")!.TextContent);
    }

    [Fact]
    public void Same_report_gives_the_same_bytes()
    {
        var renderer = new HtmlRenderer(new RenderOptions { Sources = SampleSources, ShowSuppressed = true, ShowTimings = true });
        Assert.Equal(renderer.RenderToString(SampleReports.Full()), renderer.RenderToString(SampleReports.Full()));
    }
}
