using System.Globalization;
using Kingsnake.Core.Auditing;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Suppression;
using Kingsnake.Reporting.Common;

namespace Kingsnake.Reporting.Terminal;

/// <summary>
/// The human report for CI logs and pre-commit hooks: findings grouped under their file's path (printed once), each
/// headed by a <c>line:col: severity RULE name</c> line, then the message, the dependency facts, the fix and the help
/// link; errors and notes after; a one-line summary last. (<c>--format github</c> serves CI annotations.)
/// </summary>
public sealed class TerminalRenderer(RenderOptions options) : IReportRenderer
{
    private static readonly string DetailIndent = "    ";

    // Wrapped lines sit further in, so where one detail ends and the next begins stays visible.
    private static readonly string ContinuationIndent = "      ";

    public TerminalRenderer()
        : this(RenderOptions.Default)
    {
    }

    public string Format => "terminal";

    public string FileExtension => ".txt";

    public RenderOptions Options { get; } = options;

    public void Render(Report report, Stream output)
    {
        using var writer = TextOutput.CreateWriter(output);
        var findings = ReportOrder.Sort(report.Findings);

        string? currentPath = null;
        foreach (var finding in findings)
        {
            if (!string.Equals(finding.Location.Path, currentPath, StringComparison.Ordinal))
            {
                if (currentPath is not null)
                {
                    writer.WriteLine();
                }

                currentPath = finding.Location.Path;
                writer.WriteLine(Paint(TextOutput.OneLine(currentPath), Ansi.Bold));
            }

            WriteFinding(writer, finding);
        }

        if (findings.Count > 0)
        {
            writer.WriteLine();
        }

        if (Options.ShowSuppressed && report.Suppressed.Count > 0)
        {
            WriteSuppressed(writer, report.Suppressed);
        }

        WriteMessages(writer, "errors", "error", Ansi.Red, ReportOrder.Sort(report.Errors).Select(e => (e.Location, e.Message)));
        WriteMessages(writer, "notes", "note", Ansi.Cyan, ReportOrder.Sort(report.Notes).Select(n => (n.Location, n.Message)));

        if (Options.ShowTimings && report.Timings.Count > 0)
        {
            writer.WriteLine("timings:");
            var width = report.Timings.Max(t => t.Stage.Length);
            foreach (var timing in report.Timings)
            {
                var elapsed = timing.Elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture);
                var line = $"  {timing.Stage.PadRight(width)}  {elapsed,10} ms";
                writer.WriteLine(timing.Detail.Length > 0 ? $"{line}  {TextOutput.OneLine(timing.Detail)}" : line);
            }

            writer.WriteLine();
        }

        writer.WriteLine(Summary(report, findings));
        writer.Flush();
    }

    private void WriteFinding(StreamWriter writer, Finding finding)
    {
        var severity = finding.Severity.ToName();
        writer.Write("  ");
        // the path heads the group; the line says only where in it (a whole-file finding says so)
        writer.Write(finding.Location.HasLine
            ? $"{finding.Location.StartLine.ToString(CultureInfo.InvariantCulture)}:{finding.Location.StartColumn.ToString(CultureInfo.InvariantCulture)}"
            : "file");
        writer.Write(": ");
        writer.Write(Paint(severity, Ansi.For(finding.Severity)));
        writer.Write(' ');
        writer.Write(Paint(finding.Rule.Id, Ansi.Bold));
        writer.Write(' ');
        writer.WriteLine(finding.Rule.Name);

        WriteDetail(writer, TextOutput.OneLine(finding.Message));

        if (finding.Data is DependencyFindingData dependency)
        {
            WriteDependency(writer, dependency);
        }

        foreach (var related in finding.Related)
        {
            WriteDetail(writer, Paint("see also:", Ansi.Dim) + " " + TextOutput.OneLine(related.ToString()));
        }

        if (finding.Fix is { } fix)
        {
            WriteDetail(writer, Paint("fix:", Ansi.Green) + " " + TextOutput.OneLine(fix.Description));
        }
        else if (finding.Data is not DependencyFindingData && finding.Rule.Remedy is { } remedy)
        {
            // What to do, without following the link: the rule's one-line fix (a dependency finding names its version above).
            WriteDetail(writer, Paint("fix:", Ansi.Green) + " " + TextOutput.OneLine(remedy));
        }

        // The link stays on one line whatever the width: a wrapped URL is not clickable.
        WriteDetail(writer, Paint("help:", Ansi.Dim) + " " + finding.Rule.HelpUri, wrap: false);
    }

    /// <summary>
    /// A dependency finding in one glance: <c>package version → fixed version  ADVISORY, … (ALIAS, …)</c>,
    /// then the advisory summary and the chain that pulled the package in.
    /// </summary>
    private const int MaxListedAdvisories = 6;

    private void WriteDependency(StreamWriter writer, DependencyFindingData facts)
    {
        var what = TextOutput.OneLine(facts.Version.Length == 0 ? facts.Package : $"{facts.Package} {facts.Version}");
        if (facts.Unpinned)
        {
            what += " (unpinned)";
        }

        var fix = facts.FixedIn is null ? Paint("no fixed release", Ansi.Yellow) : Paint(TextOutput.OneLine(facts.FixedIn), Ansi.Green);
        var line = $"{what} → {fix}";
        if (facts.Advisories.Count > 0)
        {
            // A long range can reach dozens of advisories: list the first few and count the rest (JSON and SARIF
            // carry them all). Aliases are shown only where they fit beside a short list.
            line += "  " + TextOutput.OneLine(TextOutput.Abbreviate(facts.Advisories, MaxListedAdvisories));
            var aliases = facts.Aliases.Where(a => !facts.Advisories.Contains(a, StringComparer.Ordinal)).ToList();
            if (aliases.Count > 0 && facts.Advisories.Count <= 2)
            {
                line += $" ({TextOutput.OneLine(TextOutput.Abbreviate(aliases, MaxListedAdvisories))})";
            }
        }

        // Each part was made one line before painting: cleaning the whole would strip the colour codes.
        WriteDetail(writer, line);
        if (facts.Summary.Length > 0)
        {
            // a record that only says what the package is: the reader has to follow the id to learn the flaw
            var describesPackage = facts.Vulnerabilities is [{ SummaryDescribesPackage: true }];
            WriteDetail(writer, TextOutput.OneLine(facts.Summary) + (describesPackage ? " " + Paint("(the advisory describes the package, not the flaw)", Ansi.Dim) : ""));
        }

        if (facts.IntroducedBy is { Count: > 0 } path)
        {
            WriteDetail(writer, "introduced by: " + TextOutput.OneLine(path.Describe()));
        }
    }

    private void WriteDetail(StreamWriter writer, string text, bool wrap = true)
    {
        // Never narrower than 20 columns: a tiny reported width would otherwise put one word on each line.
        var width = wrap && Options.Width > 0 ? Math.Max(20, Options.Width - ContinuationIndent.Length) : 0;
        var first = true;
        foreach (var line in TextWrap.Wrap(text, width))
        {
            writer.Write(first ? DetailIndent : ContinuationIndent);
            writer.WriteLine(line);
            first = false;
        }
    }

    private void WriteMessages(StreamWriter writer, string heading, string label, string colour, IEnumerable<(SourceSpan Location, string Message)> messages)
    {
        var any = false;
        foreach (var (location, message) in messages)
        {
            if (!any)
            {
                writer.WriteLine(heading + ":");
                any = true;
            }

            writer.Write("  ");
            writer.Write(TextOutput.OneLine(location.ToString()));
            writer.Write(": ");
            writer.Write(Paint(label, colour));
            writer.Write(": ");
            writer.WriteLine(TextOutput.OneLine(message));
        }

        if (any)
        {
            writer.WriteLine();
        }
    }

    /// <summary>
    /// Each suppressed finding on one line, <c>path:line:col: severity RULE name</c>, then what hid it and where that is
    /// written, indented below (<c>suppressed by # noqa: S602 (app.py:15)</c>).
    /// </summary>
    private void WriteSuppressed(StreamWriter writer, IReadOnlyList<SuppressedFinding> suppressed)
    {
        writer.WriteLine(Paint("suppressed:", Ansi.Bold));
        foreach (var (finding, reason) in ReportOrder.Sort(suppressed))
        {
            writer.WriteLine($"  {TextOutput.OneLine(finding.Location.ToString())}: {finding.Severity.ToName()} {finding.Rule.Id} {finding.Rule.Name}");
            writer.WriteLine($"{DetailIndent}{TextOutput.OneLine($"suppressed by {reason}")}");
        }

        writer.WriteLine();
    }

    private string Summary(Report report, List<Finding> findings)
    {
        var counts = new SeverityCounts(findings);
        var parts = new List<string>();
        if (counts.Total == 0)
        {
            parts.Add(Paint("No findings", Ansi.Green));
        }
        else
        {
            var bySeverity = SeverityCounts.WorstFirst
                .Where(s => counts[s] > 0)
                .Select(s => Paint($"{counts[s]} {s.ToName()}", Ansi.For(s)));
            parts.Add($"{Plural(counts.Total, "finding")}: {string.Join(", ", bySeverity)}");
        }

        if (report.Suppressed.Count > 0)
        {
            parts.Add($"{report.Suppressed.Count} suppressed ({string.Join(", ", SuppressionCount.Of(report.Suppressed).Select(c => TextOutput.OneLine(c.ToString())))})");
        }

        if (report.Errors.Count > 0)
        {
            parts.Add(Paint(Plural(report.Errors.Count, "error"), Ansi.Red));
        }

        if (report.Notes.Count > 0)
        {
            parts.Add(Plural(report.Notes.Count, "note"));
        }

        return string.Join("; ", parts);
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private string Paint(string text, string colour) => Options.Color ? colour + text + Ansi.Reset : text;
}
