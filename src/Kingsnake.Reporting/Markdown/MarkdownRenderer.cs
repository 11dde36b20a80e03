using System.Globalization;
using System.Text;
using Kingsnake.Core.Auditing;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Suppression;
using Kingsnake.Reporting.Common;

namespace Kingsnake.Reporting.Markdown;

/// <summary>
/// A report for pull-request comments and GitHub step summaries: the counts by area and severity first, then the
/// findings folded in one <c>&lt;details&gt;</c> block per severity (one table row each: severity, rule, location,
/// message, fix), then errors and notes. All project-supplied text is escaped. The whole report fits in one GitHub
/// comment (<see cref="CommentLimit"/>): when the findings do not, the most severe are listed and a closing line says
/// how many were left out and where to see them all.
/// </summary>
public sealed class MarkdownRenderer(RenderOptions options, int maxCharacters = MarkdownRenderer.CommentLimit) : IReportRenderer
{
    /// <summary>
    /// The most a GitHub issue or pull-request comment body may hold: 65,536 characters. Lengths here are counted in
    /// UTF-16 code units (.NET string length), which is never less than the count of characters (code points) GitHub
    /// counts, so a report within the limit here is within it there.
    /// </summary>
    public const int CommentLimit = 65_536;

    /// <summary>The longest message shown in a row (in characters, before escaping); the JSON and SARIF reports carry the rest.</summary>
    public const int MaxMessageLength = 600;

    /// <summary>Room kept for the closing line that counts the findings left out.</summary>
    private const int ClosingLineRoom = 400;

    public MarkdownRenderer()
        : this(RenderOptions.Default)
    {
    }

    public string Format => "markdown";

    public string FileExtension => ".md";

    public RenderOptions Options { get; } = options;

    /// <summary>The most UTF-16 code units the report may take.</summary>
    public int MaxCharacters { get; } = maxCharacters > 0 ? maxCharacters : CommentLimit;

    public void Render(Report report, Stream output)
    {
        var findings = ReportOrder.WorstFirst(report.Findings);
        var counts = new SeverityCounts(findings);

        var head = new StringBuilder();
        head.Append("## Kingsnake report\n\n");
        head.Append(Headline(report, counts)).Append("\n\n");
        WriteSummary(head, report, findings, counts);

        // What follows the findings, each part cut to its share when the report is long, so that errors and notes are
        // never crowded out by findings: a reader must know the run did not read everything.
        var errors = MessageList("Errors", ReportOrder.Sort(report.Errors).Select(e => (e.Location, e.Message)), MaxCharacters / 10);
        var notes = MessageList("Notes", ReportOrder.Sort(report.Notes).Select(n => (n.Location, n.Message)), MaxCharacters / 20);
        var suppressed = Options.ShowSuppressed && report.Suppressed.Count > 0 ? Suppressed(report.Suppressed, MaxCharacters / 10) : "";
        var timings = Options.ShowTimings && report.Timings.Count > 0 ? Timings(report.Timings) : "";
        var footer = $"<sub>Kingsnake {MarkdownText.Escape(report.ToolVersion)}</sub>\n";

        var room = MaxCharacters - head.Length - errors.Length - notes.Length - suppressed.Length - timings.Length - footer.Length - ClosingLineRoom;
        var listed = Options.MaxListedFindings > 0 ? Math.Min(Options.MaxListedFindings, findings.Count) : findings.Count;
        var body = FindingSections(findings, listed, room);

        using var writer = TextOutput.CreateWriter(output);
        writer.Write(head);
        writer.Write(body);
        writer.Write(suppressed);
        writer.Write(errors);
        writer.Write(notes);
        writer.Write(timings);
        writer.Write(footer);
        writer.Flush();
    }

    /// <summary>The counts of findings by area (rows) and severity (columns), areas in the order the run audited them.</summary>
    private static void WriteSummary(StringBuilder text, Report report, List<Finding> findings, SeverityCounts counts)
    {
        var areas = report.Rules.Select(r => r.Area).Concat(findings.Select(f => f.Rule.Area)).Distinct(StringComparer.Ordinal).ToList();
        text.Append("| Area |");
        foreach (var severity in SeverityCounts.WorstFirst)
        {
            text.Append(' ').Append(Capitalized(severity)).Append(" |");
        }

        text.Append(" Total |\n| --- |");
        text.Append(string.Concat(Enumerable.Repeat(" ---: |", SeverityCounts.WorstFirst.Count + 1))).Append('\n');
        foreach (var area in areas)
        {
            var inArea = new SeverityCounts(findings.Where(f => f.Rule.Area == area));
            text.Append("| ").Append(MarkdownText.Escape(area)).Append(" |");
            foreach (var severity in SeverityCounts.WorstFirst)
            {
                text.Append(' ').Append(inArea[severity].ToString(CultureInfo.InvariantCulture)).Append(" |");
            }

            text.Append(' ').Append(inArea.Total.ToString(CultureInfo.InvariantCulture)).Append(" |\n");
        }

        text.Append("| **Total** |");
        foreach (var severity in SeverityCounts.WorstFirst)
        {
            text.Append(" **").Append(counts[severity].ToString(CultureInfo.InvariantCulture)).Append("** |");
        }

        text.Append(" **").Append(counts.Total.ToString(CultureInfo.InvariantCulture)).Append("** |\n\n");
    }

    /// <summary>
    /// The findings, most severe first, in one folded table per severity, as many as fit in <paramref name="room"/>
    /// characters (and no more than <paramref name="most"/>); the first that does not fit ends the list, so a less
    /// severe finding is never listed in place of a more severe one. A closing line counts the rest.
    /// </summary>
    private static string FindingSections(List<Finding> findings, int most, int room)
    {
        if (findings.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder("### Findings\n\n");
        var listed = 0;
        var full = false;
        var defined = new List<Rule>();
        var definedIds = new HashSet<string>(StringComparer.Ordinal);
        var definitionsLength = 1;
        foreach (var group in findings.Take(most).GroupBy(f => f.Severity))
        {
            var total = findings.Count(f => f.Severity == group.Key);
            var rows = new List<string>();
            // the group's frame, counted at its longest (with the "N listed" note) before any row is added
            var frame = SectionStart(group.Key, total + 1, total).Length + SectionEnd.Length;
            var used = text.Length + frame;
            foreach (var finding in group)
            {
                var row = Row(finding);
                var definition = definedIds.Contains(finding.Rule.Id) ? 0 : Definition(finding.Rule).Length;
                if (used + definitionsLength + row.Length + definition > room)
                {
                    full = true;
                    break;
                }

                rows.Add(row);
                used += row.Length;
                if (definedIds.Add(finding.Rule.Id))
                {
                    defined.Add(finding.Rule);
                    definitionsLength += definition;
                }
            }

            if (rows.Count == 0)
            {
                full = true;
                break;
            }

            text.Append(SectionStart(group.Key, total, rows.Count));
            foreach (var row in rows)
            {
                text.Append(row);
            }

            text.Append(SectionEnd);
            listed += rows.Count;
            if (rows.Count < group.Count())
            {
                break;
            }
        }

        if (defined.Count > 0)
        {
            foreach (var rule in defined)
            {
                text.Append(Definition(rule));
            }

            text.Append('\n');
        }

        if (listed < findings.Count)
        {
            var left = findings.Count - listed;
            text.Append(CultureInfo.InvariantCulture, $"…and {left} more {(left == 1 ? "finding" : "findings")}, less severe, not listed here{(full ? " to keep this report within a GitHub comment (65,536 characters)" : "")}: ")
                .Append("`kingsnake audit --format terminal` shows them all, and the JSON and SARIF reports (`--format json`, `--format sarif`) have them all.\n\n");
        }

        return text.ToString();
    }

    /// <summary>Critical and high findings are unfolded: they are what a reviewer must see.</summary>
    private static string SectionStart(Severity severity, int total, int listed)
    {
        var open = severity >= Severity.High ? " open" : "";
        var count = listed < total ? $"{total}, {listed} listed" : total.ToString(CultureInfo.InvariantCulture);
        return $"<details{open}><summary><b>{Capitalized(severity)}</b> ({count})</summary>\n\n"
            + "| Severity | Rule | Location | Message | Fix |\n| --- | --- | --- | --- | --- |\n";
    }

    private const string SectionEnd = "\n</details>\n\n";

    /// <summary>
    /// Rows link to their rule's help by reference, defined once after the findings: a help URL is about 90 characters
    /// and each row names it twice, so inline links would halve the findings a comment can hold. The label is the rule
    /// id, made of letters and digits only, so no escaped text can be read as a reference to it.
    /// </summary>
    private static string Label(Rule rule) => rule.Id.ToLowerInvariant();

    private static string Definition(Rule rule) => $"[{Label(rule)}]: {rule.HelpUri}\n";

    private static string Row(Finding finding) =>
        $"| {Capitalized(finding.Severity)} | [{MarkdownText.Code(finding.Rule.Id)}][{Label(finding.Rule)}] {MarkdownText.Escape(finding.Rule.Name)} | {MarkdownText.Code(finding.Location.ToString())} | {MessageCell(finding)} | {FixCell(finding)} |\n";

    /// <summary>
    /// A folded section: the counts by reason, then one row per suppressed finding with what hid it, as many rows as
    /// fit in <paramref name="room"/> characters.
    /// </summary>
    private static string Suppressed(IReadOnlyList<SuppressedFinding> suppressed, int room)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"<details><summary>Suppressed ({suppressed.Count})</summary>\n\n");
        text.Append("| Reason | Where | Findings |\n| --- | --- | ---: |\n");
        foreach (var count in SuppressionCount.Of(suppressed))
        {
            var where = count.At is { } at ? MarkdownText.Code(at.HasLine ? $"{at.Path}:{at.StartLine}" : at.Path) : "";
            text.Append(CultureInfo.InvariantCulture, $"| {MarkdownText.Escape(count.Description)} | {where} | {count.Count} |\n");
        }

        text.Append("\n| Rule | Location | Suppressed by |\n| --- | --- | --- |\n");
        var listed = 0;
        foreach (var (finding, reason) in ReportOrder.Sort(suppressed))
        {
            var row = $"| {MarkdownText.Code(finding.Rule.Id)} {MarkdownText.Escape(finding.Rule.Name)} | {MarkdownText.Code(finding.Location.ToString())} | {MarkdownText.Escape(reason.KindDescription)}: {MarkdownText.Code(reason.ToString())} |\n";
            if (text.Length + row.Length > room - ClosingLineRoom)
            {
                break;
            }

            text.Append(row);
            listed++;
        }

        if (listed < suppressed.Count)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n…and {suppressed.Count - listed} more; the JSON report (`--format json --show-suppressed`) lists them all.\n");
        }

        text.Append("\n</details>\n\n");
        return text.ToString();
    }

    private static string Timings(IReadOnlyList<Timing> timings)
    {
        var text = new StringBuilder("<details><summary>Timings</summary>\n\n| Stage | Milliseconds | Detail |\n| --- | ---: | --- |\n");
        foreach (var timing in timings)
        {
            var elapsed = timing.Elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"| {MarkdownText.Escape(timing.Stage)} | {elapsed} | {MarkdownText.Escape(timing.Detail)} |\n");
        }

        text.Append("\n</details>\n\n");
        return text.ToString();
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
        var cell = MarkdownText.Escape(Shortened(finding.Message));
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

        return $"[how to fix][{Label(finding.Rule)}]";
    }

    /// <summary>A headed list of located messages, as many as fit in <paramref name="room"/> characters; "" when there are none.</summary>
    private static string MessageList(string heading, IEnumerable<(SourceSpan Location, string Message)> messages, int room)
    {
        var all = messages.ToList();
        if (all.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder($"### {heading}\n\n");
        var listed = 0;
        foreach (var (location, message) in all)
        {
            var item = $"- {MarkdownText.Code(location.ToString(), inTable: false)} {MarkdownText.Escape(Shortened(message))}\n";
            if (text.Length + item.Length > room - ClosingLineRoom)
            {
                break;
            }

            text.Append(item);
            listed++;
        }

        if (listed < all.Count)
        {
            text.Append(CultureInfo.InvariantCulture, $"- …and {all.Count - listed} more; `kingsnake audit --format terminal` and the JSON report list them all.\n");
        }

        return text.Append('\n').ToString();
    }

    /// <summary>A message cut to <see cref="MaxMessageLength"/> characters (never inside a surrogate pair), with "…" when cut.</summary>
    private static string Shortened(string message)
    {
        if (message.Length <= MaxMessageLength)
        {
            return message;
        }

        var end = char.IsHighSurrogate(message[MaxMessageLength - 1]) ? MaxMessageLength - 1 : MaxMessageLength;
        return message[..end] + "…";
    }

    private static string Capitalized(Severity severity)
    {
        var name = severity.ToName();
        return char.ToUpperInvariant(name[0]) + name[1..];
    }
}
