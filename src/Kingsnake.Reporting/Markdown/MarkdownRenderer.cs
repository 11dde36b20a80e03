using System.Globalization;
using Kingsnake.Core.Auditing;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Suppression;
using Kingsnake.Reporting.Common;

namespace Kingsnake.Reporting.Markdown;

/// <summary>
/// A report for pull-request comments and GitHub step summaries: counts by severity, one table row per finding
/// (severity, rule, location, message, fix), then errors and notes. All project-supplied text is escaped.
/// </summary>
public sealed class MarkdownRenderer(RenderOptions options) : IReportRenderer
{
    public MarkdownRenderer()
        : this(RenderOptions.Default)
    {
    }

    public string Format => "markdown";

    public string FileExtension => ".md";

    public RenderOptions Options { get; } = options;

    public void Render(Report report, Stream output)
    {
        using var writer = TextOutput.CreateWriter(output);
        var findings = ReportOrder.Sort(report.Findings);
        var counts = new SeverityCounts(findings);

        writer.WriteLine("## Kingsnake report");
        writer.WriteLine();
        writer.WriteLine(Headline(report, counts));
        writer.WriteLine();

        writer.WriteLine("| Severity | Findings |");
        writer.WriteLine("| --- | ---: |");
        foreach (var severity in SeverityCounts.WorstFirst)
        {
            writer.WriteLine($"| {Capitalized(severity)} | {counts[severity]} |");
        }

        writer.WriteLine($"| **Total** | **{counts.Total}** |");
        writer.WriteLine();

        if (findings.Count > 0)
        {
            writer.WriteLine("### Findings");
            writer.WriteLine();
            writer.WriteLine("| Severity | Rule | Location | Message | Fix |");
            writer.WriteLine("| --- | --- | --- | --- | --- |");
            var listed = Options.MaxListedFindings > 0 ? Math.Min(Options.MaxListedFindings, findings.Count) : findings.Count;
            foreach (var finding in findings.Take(listed))
            {
                writer.Write("| ");
                writer.Write(Capitalized(finding.Severity));
                writer.Write(" | ");
                writer.Write($"[{MarkdownText.Code(finding.Rule.Id)}]({finding.Rule.HelpUri}) {MarkdownText.Escape(finding.Rule.Name)}");
                writer.Write(" | ");
                writer.Write(MarkdownText.Code(finding.Location.ToString()));
                writer.Write(" | ");
                writer.Write(MessageCell(finding));
                writer.Write(" | ");
                writer.Write(FixCell(finding));
                writer.WriteLine(" |");
            }

            if (listed < findings.Count)
            {
                writer.WriteLine();
                writer.WriteLine($"…and {findings.Count - listed} more not listed here; the JSON or SARIF report has them all.");
            }

            writer.WriteLine();
        }

        if (Options.ShowSuppressed && report.Suppressed.Count > 0)
        {
            WriteSuppressed(writer, report.Suppressed);
        }

        WriteMessages(writer, "Errors", ReportOrder.Sort(report.Errors).Select(e => (e.Location, e.Message)));
        WriteMessages(writer, "Notes", ReportOrder.Sort(report.Notes).Select(n => (n.Location, n.Message)));

        if (Options.ShowTimings && report.Timings.Count > 0)
        {
            writer.WriteLine("<details><summary>Timings</summary>");
            writer.WriteLine();
            writer.WriteLine("| Stage | Milliseconds | Detail |");
            writer.WriteLine("| --- | ---: | --- |");
            foreach (var timing in report.Timings)
            {
                var elapsed = timing.Elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture);
                writer.WriteLine($"| {MarkdownText.Escape(timing.Stage)} | {elapsed} | {MarkdownText.Escape(timing.Detail)} |");
            }

            writer.WriteLine();
            writer.WriteLine("</details>");
            writer.WriteLine();
        }

        writer.WriteLine($"<sub>Kingsnake {MarkdownText.Escape(report.ToolVersion)}</sub>");
        writer.Flush();
    }

    /// <summary>A folded section: the counts by reason, then one row per suppressed finding with what hid it.</summary>
    private static void WriteSuppressed(StreamWriter writer, IReadOnlyList<SuppressedFinding> suppressed)
    {
        writer.WriteLine($"<details><summary>Suppressed ({suppressed.Count})</summary>");
        writer.WriteLine();
        writer.WriteLine("| Reason | Where | Findings |");
        writer.WriteLine("| --- | --- | ---: |");
        foreach (var count in SuppressionCount.Of(suppressed))
        {
            var where = count.At is { } at ? MarkdownText.Code(at.HasLine ? $"{at.Path}:{at.StartLine}" : at.Path) : "";
            writer.WriteLine($"| {MarkdownText.Escape(count.Description)} | {where} | {count.Count} |");
        }

        writer.WriteLine();
        writer.WriteLine("| Rule | Location | Suppressed by |");
        writer.WriteLine("| --- | --- | --- |");
        foreach (var (finding, reason) in ReportOrder.Sort(suppressed))
        {
            writer.WriteLine($"| {MarkdownText.Code(finding.Rule.Id)} {MarkdownText.Escape(finding.Rule.Name)} | {MarkdownText.Code(finding.Location.ToString())} | {MarkdownText.Escape(reason.KindDescription)}: {MarkdownText.Code(reason.ToString())} |");
        }

        writer.WriteLine();
        writer.WriteLine("</details>");
        writer.WriteLine();
    }

    private static string Headline(Report report, SeverityCounts counts)
    {
        var parts = new List<string>
        {
            counts.Total switch
            {
                0 => "**No findings**",
                1 => "**1 finding**",
                _ => $"**{counts.Total} findings**",
            },
        };
        if (report.Suppressed.Count > 0)
        {
            parts.Add($"{report.Suppressed.Count} suppressed");
        }

        if (report.Errors.Count > 0)
        {
            parts.Add(report.Errors.Count == 1 ? "1 input error" : $"{report.Errors.Count} input errors");
        }

        if (report.Inventory.Count > 0)
        {
            parts.Add(report.Inventory.Count == 1 ? "1 dependency audited" : $"{report.Inventory.Count} dependencies audited");
        }

        return string.Join(" · ", parts);
    }

    private static string MessageCell(Finding finding)
    {
        var cell = MarkdownText.Escape(finding.Message);
        if (finding.Data is DependencyFindingData facts)
        {
            var version = facts.Version.Length == 0 ? "" : " " + facts.Version;
            var detail = $"{MarkdownText.Code(facts.Package + version)}{(facts.Unpinned ? " (unpinned)" : "")}";
            if (facts.Advisories.Count > 0)
            {
                detail += ": " + MarkdownText.Escape(TextOutput.Abbreviate(facts.Advisories, 10));
            }

            cell += "<br>" + detail;
        }

        return cell;
    }

    private static string FixCell(Finding finding)
    {
        if (finding.Fix is { } fix)
        {
            return MarkdownText.Escape(fix.Description);
        }

        if (finding.Data is DependencyFindingData facts)
        {
            return facts.FixedIn is { } fixedIn
                ? "upgrade to " + MarkdownText.Code(fixedIn)
                : "no fixed release";
        }

        return $"[how to fix]({finding.Rule.HelpUri})";
    }

    private static void WriteMessages(StreamWriter writer, string heading, IEnumerable<(SourceSpan Location, string Message)> messages)
    {
        var any = false;
        foreach (var (location, message) in messages)
        {
            if (!any)
            {
                writer.WriteLine($"### {heading}");
                writer.WriteLine();
                any = true;
            }

            writer.WriteLine($"- {MarkdownText.Code(location.ToString(), inTable: false)} {MarkdownText.Escape(message)}");
        }

        if (any)
        {
            writer.WriteLine();
        }
    }

    private static string Capitalized(Severity severity)
    {
        var name = severity.ToName();
        return char.ToUpperInvariant(name[0]) + name[1..];
    }
}
