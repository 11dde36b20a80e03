using System.Text.Json;
using Kingsnake.Core.Auditing;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Inventory;
using Kingsnake.Core.Suppression;
using Kingsnake.Reporting.Common;

namespace Kingsnake.Reporting.Json;

/// <summary>
/// The machine-readable report, schema version 1 (docs/schema/report-v1.json, described in docs/json-report.md).
/// Within a version, fields are only ever added; a removal or change of meaning bumps <see cref="SchemaVersion"/>.
/// </summary>
public sealed class JsonReportRenderer(RenderOptions options) : IReportRenderer
{
    public JsonReportRenderer()
        : this(RenderOptions.Default)
    {
    }

    public const int SchemaVersion = 1;

    public const string SchemaUri = "https://kingsnake.dev/schema/report/1.json";

    public string Format => "json";

    public string FileExtension => ".json";

    public void Render(Report report, Stream output)
    {
        using var writer = JsonOutput.CreateWriter(output);
        var findings = ReportOrder.Sort(report.Findings);
        var errors = ReportOrder.Sort(report.Errors);
        var notes = ReportOrder.Sort(report.Notes);

        writer.WriteStartObject();
        writer.WriteString("schema", SchemaUri);
        writer.WriteNumber("version", SchemaVersion);
        writer.WriteStartObject("tool");
        writer.WriteString("name", "kingsnake");
        writer.WriteString("version", report.ToolVersion);
        writer.WriteEndObject();
        writer.WriteString("root", report.RootPath);
        writer.WriteString("startedAt", JsonOutput.Timestamp(report.StartedAt));

        WriteSummary(writer, report, findings);

        writer.WriteStartArray("findings");
        foreach (var finding in findings)
        {
            WriteFinding(writer, finding);
        }

        writer.WriteEndArray();

        if (options.ShowSuppressed)
        {
            WriteSuppressed(writer, report.Suppressed);
        }

        writer.WriteStartArray("inventory");
        foreach (var component in ReportOrder.Sort(report.Inventory))
        {
            WriteComponent(writer, component);
        }

        writer.WriteEndArray();

        writer.WriteStartArray("errors");
        foreach (var error in errors)
        {
            WriteMessage(writer, error.Location, error.Message);
        }

        writer.WriteEndArray();

        writer.WriteStartArray("notes");
        foreach (var note in notes)
        {
            WriteMessage(writer, note.Location, note.Message);
        }

        writer.WriteEndArray();

        writer.WriteStartArray("timings");
        foreach (var timing in report.Timings)
        {
            writer.WriteStartObject();
            writer.WriteString("stage", timing.Stage);
            writer.WriteNumber("elapsedMs", Math.Round(timing.Elapsed.TotalMilliseconds, 3));
            if (timing.Detail.Length > 0)
            {
                writer.WriteString("detail", timing.Detail);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartObject("database");
        report.Database?.WriteProperties(writer);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
    }

    private static void WriteSummary(Utf8JsonWriter writer, Report report, List<Finding> findings)
    {
        var counts = new SeverityCounts(findings);
        writer.WriteStartObject("summary");
        writer.WriteNumber("findings", counts.Total);
        writer.WriteStartObject("bySeverity");
        foreach (var severity in SeverityCounts.WorstFirst)
        {
            writer.WriteNumber(severity.ToName(), counts[severity]);
        }

        writer.WriteEndObject();
        writer.WriteNumber("suppressed", report.Suppressed.Count);
        writer.WriteStartArray("suppressedBy");
        foreach (var count in SuppressionCount.Of(report.Suppressed))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", count.KindName);
            writer.WriteString("description", count.Description);
            if (count.At is { } at)
            {
                writer.WritePropertyName("location");
                WriteSpan(writer, at);
            }

            writer.WriteNumber("count", count.Count);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteNumber("errors", report.Errors.Count);
        writer.WriteNumber("notes", report.Notes.Count);
        writer.WriteNumber("components", report.Inventory.Count);
        writer.WriteEndObject();
    }

    /// <summary>The suppressed findings (with <see cref="RenderOptions.ShowSuppressed"/>), in report order, each with its reason.</summary>
    private static void WriteSuppressed(Utf8JsonWriter writer, IReadOnlyList<SuppressedFinding> suppressed)
    {
        writer.WriteStartArray("suppressed");
        foreach (var (finding, reason) in ReportOrder.Sort(suppressed))
        {
            WriteFinding(writer, finding, reason);
        }

        writer.WriteEndArray();
    }

    private static void WriteFinding(Utf8JsonWriter writer, Finding finding, SuppressionReason? suppression = null)
    {
        writer.WriteStartObject();
        writer.WriteString("ruleId", finding.Rule.Id);
        writer.WriteString("ruleName", finding.Rule.Name);
        writer.WriteString("title", finding.Rule.Title);
        writer.WriteString("severity", finding.Severity.ToName());
        writer.WriteString("confidence", finding.Confidence.ToName());
        writer.WriteString("message", finding.Message);
        writer.WritePropertyName("location");
        WriteSpan(writer, finding.Location);
        writer.WriteStartArray("related");
        foreach (var related in finding.Related)
        {
            WriteSpan(writer, related);
        }

        writer.WriteEndArray();
        writer.WriteStartObject("properties");
        finding.Data?.WriteProperties(writer);
        writer.WriteEndObject();
        if (finding.Fix is { } fix)
        {
            writer.WriteStartObject("fix");
            writer.WriteString("description", fix.Description);
            writer.WriteStartArray("edits");
            foreach (var edit in fix.Edits)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("location");
                WriteSpan(writer, edit.Span);
                writer.WriteString("newText", edit.NewText);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteString("fingerprint", finding.Fingerprint);
        if (finding.Rule.Remedy is { } remedy)
        {
            writer.WriteString("remedy", remedy);
        }

        writer.WriteString("helpUri", finding.Rule.HelpUri);
        if (suppression is not null)
        {
            writer.WriteStartObject("suppression");
            writer.WriteString("kind", suppression.KindName);
            writer.WriteString("description", suppression.KindDescription);
            writer.WriteString("detail", suppression.Detail);
            if (suppression.At is { } at)
            {
                writer.WritePropertyName("location");
                WriteSpan(writer, at);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// A location: the path always; the start when the span points into the file (absent for a whole file);
    /// the end only when known (absent means "to the end of the start line").
    /// </summary>
    internal static void WriteSpan(Utf8JsonWriter writer, SourceSpan span)
    {
        writer.WriteStartObject();
        writer.WriteString("path", span.Path);
        if (span.HasLine)
        {
            writer.WriteNumber("startLine", span.StartLine);
            writer.WriteNumber("startColumn", Math.Max(1, span.StartColumn));
            if (span.EndLine >= span.StartLine)
            {
                writer.WriteNumber("endLine", span.EndLine);
                if (span.EndColumn > 0)
                {
                    writer.WriteNumber("endColumn", span.EndColumn);
                }
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter writer, SourceSpan location, string message)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("location");
        WriteSpan(writer, location);
        writer.WriteString("message", message);
        writer.WriteEndObject();
    }

    private static void WriteComponent(Utf8JsonWriter writer, Component component)
    {
        writer.WriteStartObject();
        writer.WriteString("name", component.Name);
        writer.WriteString("normalizedName", component.NormalizedName);
        if (component.Version is { } version)
        {
            writer.WriteString("version", version);
        }

        writer.WriteString("specifier", component.Specifier);
        writer.WritePropertyName("location");
        WriteSpan(writer, component.Location);
        writer.WriteString("source", SourceName(component.Source));
        writer.WriteBoolean("direct", component.Direct);
        WriteStrings(writer, "extras", component.Extras);
        writer.WriteString("marker", component.Marker);
        WriteStrings(writer, "hashes", component.Hashes);
        if (component.Url is { } url)
        {
            writer.WriteString("url", url);
        }

        writer.WriteBoolean("editable", component.Editable);
        writer.WriteString("group", component.Group);
        WriteStrings(writer, "introducedBy", component.IntroducedBy.Shown());
        if (component.IntroducedBy.IsElided)
        {
            writer.WriteNumber("introducedDepth", component.IntroducedBy.Count);
        }

        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    internal static string SourceName(ComponentSource source) => source switch
    {
        ComponentSource.Requirements => "requirements",
        ComponentSource.PyProject => "pyproject",
        ComponentSource.Lockfile => "lockfile",
        ComponentSource.Script => "script",
        ComponentSource.Environment => "environment",
        _ => source.ToString().ToLowerInvariant(),
    };
}
