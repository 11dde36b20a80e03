using System.Globalization;
using System.Text;
using System.Text.Json;
using Kingsnake.Core.Auditing;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Reporting.Common;
using Kingsnake.Reporting.Json;

namespace Kingsnake.Reporting.Sarif;

/// <summary>
/// SARIF 2.1.0 for GitHub code scanning (and any other SARIF consumer): one run, the rules as reporting
/// descriptors with GitHub's "security-severity" and CWE tags, results with relative URIs under %SRCROOT%,
/// partial fingerprints so alerts survive edits that move them, and fixes as replacements.
/// </summary>
public sealed class SarifRenderer : IReportRenderer
{
    public const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    public const string InformationUri = "https://github.com/kingsnake-security/kingsnake";

    public const string SourceRootId = "%SRCROOT%";

    public string Format => "sarif";

    public string FileExtension => ".sarif";

    public void Render(Report report, Stream output)
    {
        var rules = ReportOrder.Rules(report);
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            ruleIndex[rules[i].Id] = i;
        }

        using var writer = JsonOutput.CreateWriter(output);
        writer.WriteStartObject();
        writer.WriteString("$schema", SchemaUri);
        writer.WriteString("version", "2.1.0");
        writer.WriteStartArray("runs");
        writer.WriteStartObject();

        writer.WriteStartObject("tool");
        writer.WriteStartObject("driver");
        writer.WriteString("name", "Kingsnake");
        writer.WriteString("version", report.ToolVersion);
        writer.WriteString("informationUri", InformationUri);
        writer.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            WriteRule(writer, rule);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();

        if (RootUri(report.RootPath) is { } rootUri)
        {
            writer.WriteStartObject("originalUriBaseIds");
            writer.WriteStartObject(SourceRootId);
            writer.WriteString("uri", rootUri);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        WriteInvocation(writer, report);

        writer.WriteString("columnKind", "utf16CodeUnits");
        writer.WriteStartArray("results");
        // GitHub expects "hash:occurrence" in primaryLocationLineHash: the n-th finding with the same hash in a file.
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var finding in ReportOrder.Sort(report.Findings))
        {
            var fingerprint = finding.Fingerprint;
            var occurrence = occurrences[fingerprint] = occurrences.GetValueOrDefault(fingerprint) + 1;
            WriteResult(writer, finding, ruleIndex[finding.Rule.Id], fingerprint, occurrence);
        }

        writer.WriteEndArray();

        writer.WriteStartObject("properties");
        writer.WriteNumber("suppressed", report.Suppressed.Count);
        if (report.Database is { } database)
        {
            writer.WriteStartObject("database");
            database.WriteProperties(writer);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();

        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>SARIF result level: critical and high are errors, medium a warning, low and info notes.</summary>
    public static string Level(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    /// <summary>GitHub's security-severity score (0.0–10.0) for a severity, as GitHub's own buckets read it back.</summary>
    public static string SecuritySeverity(Severity severity) => severity switch
    {
        Severity.Critical => "9.5",
        Severity.High => "8.0",
        Severity.Medium => "5.5",
        Severity.Low => "2.0",
        _ => "0.0",
    };

    private static void WriteRule(Utf8JsonWriter writer, Rule rule)
    {
        writer.WriteStartObject();
        writer.WriteString("id", rule.Id);
        writer.WriteString("name", rule.Name);
        writer.WriteStartObject("shortDescription");
        writer.WriteString("text", rule.Title);
        writer.WriteEndObject();
        writer.WriteStartObject("fullDescription");
        writer.WriteString("text", FirstParagraph(rule.Help, rule.Title));
        writer.WriteEndObject();
        writer.WriteStartObject("help");
        writer.WriteString("text", rule.Help);
        writer.WriteString("markdown", rule.Help);
        writer.WriteEndObject();
        writer.WriteString("helpUri", rule.HelpUri);
        writer.WriteStartObject("defaultConfiguration");
        writer.WriteString("level", Level(rule.DefaultSeverity));
        writer.WriteEndObject();

        writer.WriteStartObject("properties");
        writer.WriteStartArray("tags");
        writer.WriteStringValue("security");
        writer.WriteStringValue(rule.Area);
        foreach (var cwe in rule.Cwe.Order())
        {
            writer.WriteStringValue($"external/cwe/cwe-{cwe}");
        }

        writer.WriteEndArray();
        writer.WriteString("precision", rule.DefaultConfidence.ToName());
        writer.WriteString("security-severity", SecuritySeverity(rule.DefaultSeverity));
        if (rule.Aliases.Count > 0)
        {
            writer.WriteStartArray("aliases");
            foreach (var alias in rule.Aliases)
            {
                writer.WriteStringValue(alias);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteInvocation(Utf8JsonWriter writer, Report report)
    {
        writer.WriteStartArray("invocations");
        writer.WriteStartObject();
        // Input errors do not stop the run (the other inputs are still audited), but the run did not read everything it
        // was given: SARIF says so with executionSuccessful false, the errors themselves travel as error notifications.
        writer.WriteBoolean("executionSuccessful", report.Errors.Count == 0);
        writer.WriteString("startTimeUtc", JsonOutput.Timestamp(report.StartedAt));
        writer.WriteStartArray("toolExecutionNotifications");
        foreach (var error in ReportOrder.Sort(report.Errors))
        {
            WriteNotification(writer, "error", "input-error", error.Location, error.Message);
        }

        foreach (var note in ReportOrder.Sort(report.Notes))
        {
            WriteNotification(writer, "note", "input-note", note.Location, note.Message);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private static void WriteNotification(Utf8JsonWriter writer, string level, string id, SourceSpan location, string message)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("descriptor");
        writer.WriteString("id", id);
        writer.WriteEndObject();
        writer.WriteString("level", level);
        writer.WriteStartObject("message");
        writer.WriteString("text", location.HasLine || location.Path.Length > 0 ? $"{location}: {message}" : message);
        writer.WriteEndObject();
        if (location.Path.Length > 0)
        {
            writer.WriteStartArray("locations");
            WriteLocation(writer, location, id: null);
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter writer, Finding finding, int ruleIndex, string fingerprint, int occurrence)
    {
        writer.WriteStartObject();
        writer.WriteString("ruleId", finding.Rule.Id);
        writer.WriteNumber("ruleIndex", ruleIndex);
        writer.WriteString("level", Level(finding.Severity));
        writer.WriteStartObject("message");
        writer.WriteString("text", finding.Message);
        writer.WriteEndObject();

        writer.WriteStartArray("locations");
        WriteLocation(writer, finding.Location, id: null);
        writer.WriteEndArray();

        if (finding.Related.Count > 0)
        {
            writer.WriteStartArray("relatedLocations");
            for (var i = 0; i < finding.Related.Count; i++)
            {
                WriteLocation(writer, finding.Related[i], id: i + 1);
            }

            writer.WriteEndArray();
        }

        writer.WriteStartObject("partialFingerprints");
        writer.WriteString("primaryLocationLineHash", $"{fingerprint[..16]}:{occurrence}");
        writer.WriteEndObject();
        writer.WriteStartObject("fingerprints");
        writer.WriteString("kingsnake/v1", fingerprint);
        writer.WriteEndObject();

        if (finding.Fix is { } fix)
        {
            WriteFix(writer, fix);
        }

        writer.WriteStartObject("properties");
        writer.WriteString("severity", finding.Severity.ToName());
        writer.WriteString("confidence", finding.Confidence.ToName());
        writer.WriteString("security-severity", ResultSecuritySeverity(finding));
        // the same facts, written by the same code, as the JSON report's "properties"
        finding.Data?.WriteProperties(writer);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>The CVSS base score of the advisory behind a dependency finding, when it has one; else the severity's bucket.</summary>
    private static string ResultSecuritySeverity(Finding finding) =>
        finding.Data is DependencyFindingData { CvssScore: { } cvss } && double.IsFinite(cvss) && cvss is >= 0 and <= 10
            ? cvss.ToString("0.0", CultureInfo.InvariantCulture)
            : SecuritySeverity(finding.Severity);

    private static void WriteFix(Utf8JsonWriter writer, Fix fix)
    {
        // SARIF wants the edits of one file together; a whole-file edit has no region to replace and is left out.
        var byFile = fix.Edits.Where(e => e.Span.HasLine)
            .GroupBy(e => e.Span.Path, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        if (byFile.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("fixes");
        writer.WriteStartObject();
        writer.WriteStartObject("description");
        writer.WriteString("text", fix.Description);
        writer.WriteEndObject();
        writer.WriteStartArray("artifactChanges");
        foreach (var file in byFile)
        {
            writer.WriteStartObject();
            WriteArtifactLocation(writer, file.Key);
            writer.WriteStartArray("replacements");
            foreach (var edit in file.OrderBy(e => e.Span, Comparer<SourceSpan>.Create(ReportOrder.CompareSpans)))
            {
                writer.WriteStartObject();
                writer.WritePropertyName("deletedRegion");
                WriteRegion(writer, edit.Span);
                writer.WriteStartObject("insertedContent");
                writer.WriteString("text", edit.NewText);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private static void WriteLocation(Utf8JsonWriter writer, SourceSpan span, int? id)
    {
        writer.WriteStartObject();
        if (id is { } number)
        {
            writer.WriteNumber("id", number);
        }

        writer.WriteStartObject("physicalLocation");
        WriteArtifactLocation(writer, span.Path);
        if (span.HasLine)
        {
            writer.WritePropertyName("region");
            WriteRegion(writer, span);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteArtifactLocation(Utf8JsonWriter writer, string path)
    {
        writer.WriteStartObject("artifactLocation");
        if (IsAbsolute(path))
        {
            // A file outside the project (an installed environment, say): an absolute file URI, no base id.
            writer.WriteString("uri", FileUri(path));
        }
        else
        {
            writer.WriteString("uri", RelativeUri(path));
            writer.WriteString("uriBaseId", SourceRootId);
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// A region in SARIF's terms: an absent end line means the start line, an absent end column means the end of
    /// that line, which is what an unknown end (0) means in a <see cref="SourceSpan"/>.
    /// </summary>
    private static void WriteRegion(Utf8JsonWriter writer, SourceSpan span)
    {
        var startColumn = Math.Max(1, span.StartColumn);
        writer.WriteStartObject();
        writer.WriteNumber("startLine", span.StartLine);
        writer.WriteNumber("startColumn", startColumn);
        if (span.EndLine >= span.StartLine)
        {
            writer.WriteNumber("endLine", span.EndLine);
            if (span.EndColumn > 0 && (span.EndLine > span.StartLine || span.EndColumn >= startColumn))
            {
                writer.WriteNumber("endColumn", span.EndColumn);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>A relative path as a relative URI reference: each segment percent-encoded (RFC 3986), '/' kept.</summary>
    public static string RelativeUri(string path)
    {
        var segments = path.Replace('\\', '/').Split('/');
        var builder = new StringBuilder(path.Length + 8);
        for (var i = 0; i < segments.Length; i++)
        {
            if (i > 0)
            {
                builder.Append('/');
            }

            builder.Append(Uri.EscapeDataString(segments[i]));
        }

        return builder.ToString();
    }

    private static bool IsAbsolute(string path) =>
        path.StartsWith('/') || (path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] is '/' or '\\');

    private static string FileUri(string absolutePath)
    {
        var uri = RelativeUri(absolutePath);
        return uri.StartsWith('/') ? "file://" + uri : "file:///" + uri.Replace("%3A", ":", StringComparison.Ordinal);
    }

    private static string? RootUri(string rootPath)
    {
        if (!IsAbsolute(rootPath))
        {
            return null;
        }

        var uri = FileUri(rootPath);
        return uri.EndsWith('/') ? uri : uri + "/";
    }

    /// <summary>The first paragraph of a rule's Markdown help, on one line: SARIF's fullDescription.</summary>
    private static string FirstParagraph(string help, string fallback)
    {
        var trimmed = help.Trim();
        var end = trimmed.IndexOf("\n\n", StringComparison.Ordinal);
        var paragraph = (end < 0 ? trimmed : trimmed[..end]).ReplaceLineEndings(" ").Trim();
        return paragraph.Length > 0 ? paragraph : fallback;
    }
}
