using System.Globalization;
using System.Text.Json;
using Kingsnake.Core.Auditing;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Suppression;
using Kingsnake.Reporting.Common;

namespace Kingsnake.Reporting.Html;

/// <summary>
/// One self-contained HTML page to open from disk or attach to a ticket: the summary (counts by severity and area, as
/// tables and inline SVG bars), the findings by area and severity with their code and fix, the vulnerable
/// dependencies, then errors and notes. Styles and the filter script are inline, and a Content-Security-Policy
/// forbids every fetch, so opening the page makes no request. All project-supplied text is escaped
/// (<see cref="HtmlText"/>) and none of it is ever placed inside the script.
/// </summary>
public sealed class HtmlRenderer(RenderOptions options) : IReportRenderer
{
    /// <summary>
    /// Nothing may be loaded (no font, image, frame, script or style from anywhere), only the page's own inline style and
    /// script run, and the form goes nowhere. A report whose escaping failed still could not send anything out.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    /// <summary>Lines quoted before and after a finding's own lines.</summary>
    private const int ContextLines = 2;

    /// <summary>
    /// A finding's own lines shown at most (a multi-line call can span a screen); longer spans show their start.
    /// </summary>
    private const int MaxSpanLines = 8;

    /// <summary>
    /// Longer lines are cut: a minified file's one line, quoted for each of its findings, would make the page grow with
    /// findings times file size rather than with findings.
    /// </summary>
    private const int MaxQuotedLineChars = 400;

    /// <summary>A dependency finding's advisories listed open; more are folded under a summary line.</summary>
    private const int MaxOpenAdvisories = 4;

    /// <summary>The areas in the order the page lists them; an area not named here follows, by name.</summary>
    private static readonly string[] AreaOrder = ["deps", "workflows", "code", "packaging", "posture"];

    public HtmlRenderer()
        : this(RenderOptions.Default)
    {
    }

    public string Format => "html";

    public string FileExtension => ".html";

    public RenderOptions Options { get; } = options;

    public void Render(Report report, Stream output)
    {
        using var writer = TextOutput.CreateWriter(output);
        var findings = ReportOrder.Sort(report.Findings);
        var counts = new SeverityCounts(findings);
        var areas = Areas(report, findings);

        writer.WriteLine("<!DOCTYPE html>");
        writer.WriteLine("<html lang=\"en\">");
        writer.WriteLine("<head>");
        writer.WriteLine("<meta charset=\"utf-8\">");
        writer.WriteLine($"<meta http-equiv=\"Content-Security-Policy\" content=\"{ContentSecurityPolicy}\">");
        writer.WriteLine("<meta name=\"referrer\" content=\"no-referrer\">");
        writer.WriteLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        writer.Write("<title>Kingsnake report: ");
        HtmlText.Write(writer, report.RootPath);
        writer.WriteLine("</title>");
        writer.Write("<style>");
        writer.Write(HtmlAssets.Css);
        writer.WriteLine("</style>");
        writer.WriteLine("</head>");
        writer.WriteLine("<body>");

        WriteHeader(writer, report, counts);
        WriteSummary(writer, report, findings, counts, areas);
        WriteFilters(writer, counts, areas, findings);
        WriteFindings(writer, findings, areas);
        WriteDependencies(writer, findings);

        if (Options.ShowSuppressed && report.Suppressed.Count > 0)
        {
            WriteSuppressed(writer, report.Suppressed);
        }

        WriteMessages(writer, "errors", "Errors", ReportOrder.Sort(report.Errors).Select(e => (e.Location, e.Message)));
        WriteMessages(writer, "notes", "Notes", ReportOrder.Sort(report.Notes).Select(n => (n.Location, n.Message)));

        if (Options.ShowTimings && report.Timings.Count > 0)
        {
            WriteTimings(writer, report.Timings);
        }

        writer.Write("<footer>Kingsnake ");
        HtmlText.Write(writer, report.ToolVersion);
        writer.WriteLine("</footer>");
        writer.Write("<script>");
        writer.Write(HtmlAssets.Script);
        writer.WriteLine("</script>");
        writer.WriteLine("</body>");
        writer.WriteLine("</html>");
        writer.Flush();
    }

    /// <summary>The areas the run covered (those of the rules it used) and any a finding comes from, in page order.</summary>
    private static List<string> Areas(Report report, List<Finding> findings)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in report.Rules)
        {
            names.Add(rule.Area);
        }

        foreach (var finding in findings)
        {
            names.Add(finding.Rule.Area);
        }

        var known = AreaOrder.Where(names.Contains).ToList();
        var others = names.Where(n => !AreaOrder.Contains(n, StringComparer.Ordinal)).ToList();
        others.Sort(StringComparer.Ordinal);
        return [.. known, .. others];
    }

    private static string AreaTitle(string area) => area switch
    {
        "deps" => "Dependencies",
        "workflows" => "Workflows",
        "code" => "Code",
        "packaging" => "Packaging",
        "posture" => "Posture",
        _ => area,
    };

    private static string Capitalized(Severity severity)
    {
        var name = severity.ToName();
        return char.ToUpperInvariant(name[0]) + name[1..];
    }

    private static void WriteHeader(StreamWriter writer, Report report, SeverityCounts counts)
    {
        writer.WriteLine("<header>");
        writer.WriteLine("<h1>Kingsnake report</h1>");
        writer.WriteLine("<dl class=\"facts\">");
        WriteFact(writer, "Project", report.RootPath, code: true);
        WriteFact(writer, "Started", report.StartedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
        WriteFact(writer, "Kingsnake", report.ToolVersion);
        WriteFact(writer, "Findings", counts.Total.ToString(CultureInfo.InvariantCulture), countKey: "total");
        if (report.Suppressed.Count > 0)
        {
            var reasons = string.Join(", ", SuppressionCount.Of(report.Suppressed).Select(c => c.ToString()));
            WriteFact(writer, "Suppressed", $"{report.Suppressed.Count} ({reasons})");
        }

        if (report.Inventory.Count > 0)
        {
            WriteFact(writer, "Dependencies audited", report.Inventory.Count.ToString(CultureInfo.InvariantCulture));
        }

        if (report.Errors.Count > 0)
        {
            WriteFact(writer, "Input errors", report.Errors.Count.ToString(CultureInfo.InvariantCulture));
        }

        // The database facts are the area's own, written by it as in the JSON report. A reader wants where the
        // advisories came from and how fresh they are, in one line; the hash and compile time stay in the JSON.
        var facts = DatabaseFacts(report.Database).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        if (facts.TryGetValue("source", out var source) && facts.TryGetValue("newest-record", out var newest))
        {
            var line = source;
            if (facts.TryGetValue("vulnerabilities", out var vulnerabilities))
            {
                line += $": {vulnerabilities} vulnerabilities";
            }

            line += $"; newest record {(newest.Length >= 10 ? newest[..10] : newest)}";
            if (facts.TryGetValue("newest-record-age-days", out var age))
            {
                line += $" ({age} days old)";
            }

            WriteFact(writer, "Advisory database", line);
        }
        else
        {
            foreach (var (key, value) in facts.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                WriteFact(writer, "Database " + key.Replace('-', ' '), value, code: key.Contains("hash", StringComparison.Ordinal));
            }
        }

        writer.WriteLine("</dl>");
        writer.WriteLine("</header>");
    }

    private static void WriteFact(StreamWriter writer, string name, string value, bool code = false, string? countKey = null)
    {
        writer.Write("<dt>");
        HtmlText.Write(writer, name);
        writer.Write("</dt><dd");
        if (countKey is not null)
        {
            writer.Write($" data-count=\"{countKey}\"");
        }

        writer.Write('>');
        writer.Write(code ? "<code>" : "");
        HtmlText.Write(writer, value);
        writer.Write(code ? "</code>" : "");
        writer.WriteLine("</dd>");
    }

    /// <summary>The database's properties, as <see cref="DatabaseInfo.WriteProperties"/> gives them to every format.</summary>
    private static List<(string Key, string Value)> DatabaseFacts(DatabaseInfo? database)
    {
        if (database is null)
        {
            return [];
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            database.WriteProperties(json);
            json.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return
        [
            .. document.RootElement.EnumerateObject().Select(p =>
                (p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText())),
        ];
    }

    private static void WriteSummary(StreamWriter writer, Report report, List<Finding> findings, SeverityCounts counts, List<string> areas)
    {
        var byArea = areas.ToDictionary(a => a, a => findings.Count(f => f.Rule.Area == a), StringComparer.Ordinal);

        writer.WriteLine("<section id=\"summary\">");
        writer.WriteLine("<h2>Summary</h2>");
        writer.WriteLine("<div class=\"summary\">");

        writer.WriteLine("<div class=\"panel\">");
        writer.WriteLine("<table><thead><tr><th>Severity</th><th class=\"num\">Findings</th></tr></thead><tbody>");
        foreach (var severity in SeverityCounts.WorstFirst)
        {
            writer.WriteLine($"<tr><td><span class=\"badge sev-{severity.ToName()}\">{severity.ToName()}</span></td><td class=\"num\" data-count=\"severity:{severity.ToName()}\">{counts[severity]}</td></tr>");
        }

        writer.WriteLine($"<tr><th>Total</th><th class=\"num\">{counts.Total}</th></tr>");
        writer.WriteLine("</tbody></table>");
        WriteChart(writer, "Findings by severity", [.. SeverityCounts.WorstFirst.Select(s => (Capitalized(s), "bar-" + s.ToName(), counts[s]))]);
        writer.WriteLine("</div>");

        writer.WriteLine("<div class=\"panel\">");
        writer.WriteLine("<table><thead><tr><th>Area</th><th class=\"num\">Findings</th></tr></thead><tbody>");
        foreach (var area in areas)
        {
            writer.Write("<tr><td>");
            HtmlText.Write(writer, AreaTitle(area));
            writer.Write("</td><td class=\"num\" data-count=\"area:");
            HtmlText.Write(writer, area);
            writer.WriteLine($"\">{byArea[area]}</td></tr>");
        }

        writer.WriteLine("</tbody></table>");
        WriteChart(writer, "Findings by area", [.. areas.Select(a => (AreaTitle(a), "bar-" + (AreaOrder.Take(3).Contains(a) ? a : "other"), byArea[a]))]);
        writer.WriteLine("</div>");

        var vulnerable = findings.Count(f => f.Data is DependencyFindingData);
        if (report.Inventory.Count > 0 || vulnerable > 0)
        {
            writer.WriteLine("<div class=\"panel\">");
            writer.WriteLine("<table><tbody>");
            writer.WriteLine($"<tr><td>Dependencies audited</td><td class=\"num\">{report.Inventory.Count}</td></tr>");
            writer.WriteLine($"<tr><td>With advisories</td><td class=\"num\" data-count=\"vulnerable\">{vulnerable}</td></tr>");
            writer.WriteLine("</tbody></table>");
            writer.WriteLine("</div>");
        }

        writer.WriteLine("</div>");
        writer.WriteLine("</section>");
    }

    /// <summary>
    /// Horizontal bars as inline SVG, one per row, scaled to the largest; each bar has a title for hover and the number
    /// written beside it, so the chart reads without colour.
    /// </summary>
    private static void WriteChart(StreamWriter writer, string title, List<(string Label, string CssClass, int Count)> rows)
    {
        const int labelWidth = 110;
        const int barWidth = 180;
        const int rowHeight = 22;
        var max = Math.Max(1, rows.Count == 0 ? 0 : rows.Max(r => r.Count));
        var height = (rows.Count * rowHeight) + 4;
        writer.Write($"<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{labelWidth + barWidth + 50}\" height=\"{height}\" role=\"img\" aria-label=\"");
        HtmlText.Write(writer, title);
        writer.WriteLine("\">");
        for (var i = 0; i < rows.Count; i++)
        {
            var (label, cssClass, count) = rows[i];
            var y = (i * rowHeight) + 2;
            // A non-zero count gets at least a sliver, so "1 of 900" is not drawn as nothing.
            var width = count == 0 ? 0 : Math.Max(2, (int)Math.Round((double)barWidth * count / max));
            writer.Write($"<text x=\"0\" y=\"{y + 15}\">");
            HtmlText.Write(writer, label);
            writer.Write($"</text><rect class=\"{cssClass}\" x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{width}\" height=\"{rowHeight - 6}\" rx=\"2\"><title>");
            HtmlText.Write(writer, $"{label}: {count}");
            writer.WriteLine($"</title></rect><text x=\"{labelWidth + width + 6}\" y=\"{y + 15}\">{count}</text>");
        }

        writer.WriteLine("</svg>");
    }

    /// <summary>The filter form; hidden until the script runs, so a page shown without script does not offer dead controls.</summary>
    private static void WriteFilters(StreamWriter writer, SeverityCounts counts, List<string> areas, List<Finding> findings)
    {
        if (findings.Count == 0)
        {
            return;
        }

        writer.WriteLine("<form id=\"filters\" class=\"panel\" hidden>");
        writer.WriteLine("<fieldset><legend>Severity</legend>");
        foreach (var severity in SeverityCounts.WorstFirst)
        {
            var name = severity.ToName();
            writer.WriteLine($"<label><input type=\"checkbox\" name=\"severity\" value=\"{name}\" checked> {Capitalized(severity)} ({counts[severity]})</label>");
        }

        writer.WriteLine("</fieldset>");
        writer.WriteLine("<fieldset><legend>Area</legend>");
        foreach (var area in areas)
        {
            writer.Write("<label><input type=\"checkbox\" name=\"area\" value=\"");
            HtmlText.Write(writer, area);
            writer.Write("\" checked> ");
            HtmlText.Write(writer, AreaTitle(area));
            writer.WriteLine($" ({findings.Count(f => f.Rule.Area == area)})</label>");
        }

        writer.WriteLine("</fieldset>");
        writer.WriteLine("<label>Search <input type=\"search\" id=\"search\" placeholder=\"rule, path, package, text\"></label>");
        writer.WriteLine($"<span><output id=\"shown\">{findings.Count}</output> of {findings.Count} findings shown</span>");
        writer.WriteLine("</form>");
    }

    private void WriteFindings(StreamWriter writer, List<Finding> findings, List<string> areas)
    {
        writer.WriteLine("<section id=\"findings\">");
        writer.WriteLine("<h2>Findings</h2>");
        if (findings.Count == 0)
        {
            writer.WriteLine("<p>No findings.</p>");
        }

        foreach (var area in areas)
        {
            var inArea = findings.Where(f => f.Rule.Area == area).ToList();
            if (inArea.Count == 0)
            {
                continue;
            }

            writer.Write("<section class=\"area\" data-group=\"area\"><h3>");
            HtmlText.Write(writer, AreaTitle(area));
            writer.WriteLine($" <span class=\"muted\">({inArea.Count})</span></h3>");
            foreach (var severity in SeverityCounts.WorstFirst)
            {
                var group = inArea.Where(f => f.Severity == severity).ToList();
                if (group.Count == 0)
                {
                    continue;
                }

                writer.WriteLine($"<section data-group=\"severity\"><h4><span class=\"badge sev-{severity.ToName()}\">{severity.ToName()}</span> {group.Count}</h4>");
                foreach (var finding in group)
                {
                    WriteFinding(writer, finding);
                }

                writer.WriteLine("</section>");
            }

            writer.WriteLine("</section>");
        }

        writer.WriteLine("</section>");
    }

    private void WriteFinding(StreamWriter writer, Finding finding)
    {
        var severity = finding.Severity.ToName();
        writer.Write($"<article class=\"finding {severity}\" data-severity=\"{severity}\" data-area=\"");
        HtmlText.Write(writer, finding.Rule.Area);
        writer.WriteLine("\">");

        writer.Write("<header>");
        writer.Write($"<span class=\"badge sev-{severity}\">{severity}</span> ");
        WriteRuleLink(writer, finding.Rule);
        writer.Write(" <span class=\"where\"><code>");
        HtmlText.Write(writer, finding.Location.ToString());
        writer.Write("</code></span>");
        writer.Write($" <span class=\"muted\">confidence {finding.Confidence.ToName()}</span>");
        writer.WriteLine("</header>");

        writer.Write("<p class=\"message\">");
        HtmlText.Write(writer, finding.Message);
        writer.WriteLine("</p>");

        if (finding.Data is DependencyFindingData facts)
        {
            WriteDependencyFacts(writer, facts);
        }

        WriteExcerpt(writer, finding.Location);

        foreach (var related in finding.Related)
        {
            writer.Write("<p class=\"muted\">see also <code>");
            HtmlText.Write(writer, related.ToString());
            writer.WriteLine("</code></p>");
        }

        if (FixText(finding) is { } fix)
        {
            writer.Write("<p class=\"fix\"><strong>Fix:</strong> ");
            HtmlText.Write(writer, fix);
            writer.WriteLine("</p>");
        }

        writer.WriteLine("</article>");
    }

    private static void WriteRuleLink(StreamWriter writer, Kingsnake.Core.Rules.Rule rule)
    {
        // The rule's documentation is the one outside address the page names; following it is the reader's choice.
        writer.Write("<a class=\"rule\" rel=\"noreferrer noopener\" target=\"_blank\" href=\"");
        HtmlText.Write(writer, rule.HelpUri);
        writer.Write("\"><code>");
        HtmlText.Write(writer, rule.Id);
        writer.Write("</code> ");
        HtmlText.Write(writer, rule.Name);
        writer.Write("</a>");
    }

    /// <summary>What to do: the finding's own fix, the release that clears a dependency's advisories, or the rule's remedy.</summary>
    private static string? FixText(Finding finding)
    {
        if (finding.Fix is { } fix)
        {
            return fix.Description;
        }

        if (finding.Data is DependencyFindingData facts)
        {
            var upgrade = facts.FixedIn is { } fixedIn ? $"upgrade {facts.Package} to {fixedIn}" : "no fixed release is known";
            return facts.Command is { } command ? $"{upgrade} ({command})" : upgrade;
        }

        return finding.Rule.Remedy;
    }

    private static void WriteDependencyFacts(StreamWriter writer, DependencyFindingData facts)
    {
        writer.WriteLine("<dl class=\"facts\">");
        WriteFact(writer, "Package", facts.Version.Length == 0 ? facts.Package : $"{facts.Package} {facts.Version}{(facts.Unpinned ? " (unpinned)" : "")}", code: true);
        if (facts.Vulnerabilities.Count == 0 && facts.Advisories.Count > 0)
        {
            WriteFact(writer, "Advisories", string.Join(", ", facts.Advisories));
        }

        if (facts.IntroducedBy is { Count: > 0 } path)
        {
            WriteFact(writer, "Introduced by", path.Describe());
        }

        writer.WriteLine("</dl>");
        if (facts.Vulnerabilities.Count == 0)
        {
            return;
        }

        // An old pin can collect dozens of advisories: past a few they are folded, so one package does not fill a screen.
        var folded = facts.Vulnerabilities.Count > MaxOpenAdvisories;
        if (folded)
        {
            writer.WriteLine($"<details><summary>{facts.Vulnerabilities.Count} advisories</summary>");
        }

        writer.WriteLine("<dl class=\"facts\">");
        foreach (var advisory in facts.Vulnerabilities)
        {
            var aliases = advisory.Aliases.Count > 0 ? $" ({string.Join(", ", advisory.Aliases)})" : "";
            var fixedIn = advisory.FixedIn is { } version ? $"; fixed in {version}" : "";
            WriteFact(writer, advisory.Id, $"{advisory.Summary}{aliases}{fixedIn}");
        }

        writer.WriteLine("</dl>");
        if (folded)
        {
            writer.WriteLine("</details>");
        }
    }

    /// <summary>
    /// The finding's lines with a little context, numbered, its own lines marked; nothing when the file's text is not
    /// at hand (the CLI passes the project's files through <see cref="RenderOptions.Sources"/>).
    /// </summary>
    private void WriteExcerpt(StreamWriter writer, SourceSpan location)
    {
        if (!location.HasLine || Options.Sources.Lines(location.Path) is not { } lines || location.StartLine > lines.Count)
        {
            return;
        }

        var lastHit = Math.Min(Math.Max(location.StartLine, location.EndLine), location.StartLine + MaxSpanLines - 1);
        var first = Math.Max(1, location.StartLine - ContextLines);
        var last = Math.Min(lines.Count, lastHit + ContextLines);
        writer.Write("<pre class=\"excerpt\"><code>");
        for (var number = first; number <= last; number++)
        {
            var hit = number >= location.StartLine && number <= lastHit;
            var text = lines[number - 1];
            if (text.Length > MaxQuotedLineChars)
            {
                text = string.Concat(text.AsSpan(0, MaxQuotedLineChars), "…");
            }

            writer.Write(hit ? "<span class=\"line hit\">" : "<span class=\"line\">");
            writer.Write($"<span class=\"ln\">{number}</span>");
            HtmlText.Write(writer, text);
            // The line break inside the block line, so that copied text keeps its lines and no blank line is drawn.
            writer.Write("\n</span>");
        }

        writer.WriteLine("</code></pre>");
    }

    /// <summary>One row per vulnerable dependency: where it is pinned, its version, the advisories and the safe version.</summary>
    private static void WriteDependencies(StreamWriter writer, List<Finding> findings)
    {
        var rows = findings.Where(f => f.Data is DependencyFindingData).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        writer.WriteLine("<section id=\"dependencies\">");
        writer.WriteLine("<h2>Vulnerable dependencies</h2>");
        writer.WriteLine("<table><thead><tr><th>Package</th><th>Installed</th><th>Advisories</th><th>Severity</th><th>Safe version</th><th>Where</th></tr></thead><tbody>");
        foreach (var finding in rows)
        {
            var facts = (DependencyFindingData)finding.Data!;
            writer.Write("<tr class=\"dependency\"><td><code>");
            HtmlText.Write(writer, facts.Package);
            writer.Write("</code></td><td><code>");
            HtmlText.Write(writer, facts.Version.Length == 0 ? "any" : facts.Version);
            writer.Write("</code>");
            writer.Write(facts.Unpinned ? " <span class=\"muted\">(unpinned)</span>" : "");
            writer.Write("</td><td>");
            HtmlText.Write(writer, string.Join(", ", facts.Advisories));
            writer.Write($"</td><td><span class=\"badge sev-{finding.Severity.ToName()}\">{finding.Severity.ToName()}</span></td><td>");
            if (facts.FixedIn is { } fixedIn)
            {
                writer.Write("<code>");
                HtmlText.Write(writer, fixedIn);
                writer.Write("</code>");
            }
            else
            {
                writer.Write("<span class=\"muted\">no fixed release</span>");
            }

            writer.Write("</td><td><code>");
            HtmlText.Write(writer, finding.Location.ToString());
            writer.WriteLine("</code></td></tr>");
        }

        writer.WriteLine("</tbody></table>");
        writer.WriteLine("</section>");
    }

    private static void WriteSuppressed(StreamWriter writer, IReadOnlyList<SuppressedFinding> suppressed)
    {
        writer.WriteLine("<section id=\"suppressed\">");
        writer.WriteLine($"<h2>Suppressed ({suppressed.Count})</h2>");
        writer.WriteLine("<table><thead><tr><th>Rule</th><th>Location</th><th>Suppressed by</th></tr></thead><tbody>");
        foreach (var (finding, reason) in ReportOrder.Sort(suppressed))
        {
            writer.Write("<tr><td>");
            WriteRuleLink(writer, finding.Rule);
            writer.Write("</td><td><code>");
            HtmlText.Write(writer, finding.Location.ToString());
            writer.Write("</code></td><td>");
            HtmlText.Write(writer, $"{reason.KindDescription}: {reason}");
            writer.WriteLine("</td></tr>");
        }

        writer.WriteLine("</tbody></table>");
        writer.WriteLine("</section>");
    }

    private static void WriteMessages(StreamWriter writer, string id, string heading, IEnumerable<(SourceSpan Location, string Message)> messages)
    {
        var any = false;
        foreach (var (location, message) in messages)
        {
            if (!any)
            {
                writer.WriteLine($"<section id=\"{id}\">");
                writer.WriteLine($"<h2>{heading}</h2>");
                writer.WriteLine("<ul>");
                any = true;
            }

            writer.Write("<li><code>");
            HtmlText.Write(writer, location.ToString());
            writer.Write("</code> ");
            HtmlText.Write(writer, message);
            writer.WriteLine("</li>");
        }

        if (any)
        {
            writer.WriteLine("</ul>");
            writer.WriteLine("</section>");
        }
    }

    private static void WriteTimings(StreamWriter writer, IReadOnlyList<Timing> timings)
    {
        writer.WriteLine("<section id=\"timings\">");
        writer.WriteLine("<h2>Timings</h2>");
        writer.WriteLine("<table><thead><tr><th>Stage</th><th class=\"num\">Milliseconds</th><th>Detail</th></tr></thead><tbody>");
        foreach (var timing in timings)
        {
            writer.Write("<tr><td>");
            HtmlText.Write(writer, timing.Stage);
            writer.Write($"</td><td class=\"num\">{timing.Elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)}</td><td>");
            HtmlText.Write(writer, timing.Detail);
            writer.WriteLine("</td></tr>");
        }

        writer.WriteLine("</tbody></table>");
        writer.WriteLine("</section>");
    }
}
