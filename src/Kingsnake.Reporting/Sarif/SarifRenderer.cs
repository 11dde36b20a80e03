using System.Globalization;
using System.IO.Compression;
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
/// descriptors with GitHub's "security-severity" and CWE tags, results with relative URIs under %SRCROOT% (or under a
/// base of their own for inputs outside the project, see <see cref="SarifUriBases"/>), partial fingerprints so alerts
/// survive edits that move them, and fixes as replacements. The log stays within GitHub's upload limits: when the
/// findings do not fit, the most severe are kept and a notification says how many were left out.
/// </summary>
public sealed class SarifRenderer : IReportRenderer
{
    public const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    public const string InformationUri = "https://github.com/kingsnake-security/kingsnake";

    public const string SourceRootId = "%SRCROOT%";

    // GitHub code scanning's documented upload limits ("SARIF support for code scanning", upload limits): a run with
    // more than 25,000 results, a result with more than 1,000 locations or a file over 10 MB once gzip-compressed is
    // rejected; of the tags of a rule only the first 10 are kept, so the renderer chooses which.
    public const int MaxResults = 25_000;

    public const int MaxLocationsPerResult = 1_000;

    public const long MaxGzipBytes = 10L * 1024 * 1024;

    public const int MaxTagsPerRule = 10;

    /// <summary>The descriptor id of the notification that says results were left out.</summary>
    public const string ResultsLeftOutId = "results-left-out";

    private readonly int _maxResults;
    private readonly long _maxGzipBytes;

    public SarifRenderer()
        : this(MaxResults, MaxGzipBytes)
    {
    }

    /// <summary>A renderer with other limits (tests reach the cut without writing 25,000 results).</summary>
    public SarifRenderer(int maxResults, long maxGzipBytes)
    {
        _maxResults = Math.Clamp(maxResults, 0, MaxResults);
        _maxGzipBytes = Math.Clamp(maxGzipBytes, 1, MaxGzipBytes);
    }

    public string Format => "sarif";

    public string FileExtension => ".sarif";

    public void Render(Report report, Stream output)
    {
        var worstFirst = ReportOrder.WorstFirst(report.Findings);
        var kept = Math.Min(worstFirst.Count, _maxResults);
        var log = RenderKeeping(report, worstFirst, kept);
        // The size limit is on the compressed file, which only the bytes tell: while over it, keep fewer results, in
        // proportion to the excess with a margin, since the compression ratio changes little with the count.
        // (gzip adds at most a few dozen bytes per 64 KB of incompressible input: a log well under the limit is not compressed to check)
        for (var compressed = log.Length < _maxGzipBytes * 0.99 ? 0 : GzipSize(log); compressed > _maxGzipBytes && kept > 0; compressed = GzipSize(log))
        {
            kept = Math.Min(kept - 1, (int)(kept * (double)_maxGzipBytes / compressed * 0.9));
            log = RenderKeeping(report, worstFirst, Math.Max(kept, 0));
        }

        output.Write(log.GetBuffer(), 0, (int)log.Length);
        output.Flush();
    }

    /// <summary>The log with the first <paramref name="kept"/> findings of <paramref name="worstFirst"/>, listed in report order.</summary>
    private MemoryStream RenderKeeping(Report report, List<Finding> worstFirst, int kept)
    {
        var findings = ReportOrder.Sort(worstFirst.Take(kept));
        var leftOut = worstFirst.Count - findings.Count;
        var rules = ReportOrder.Rules(report);
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            ruleIndex[rules[i].Id] = i;
        }

        var bases = new SarifUriBases(report.RootPath, PathsOf(findings, report));
        var buffer = new MemoryStream();
        using var writer = JsonOutput.CreateWriter(buffer);
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

        WriteBases(writer, bases);
        WriteInvocation(writer, report, bases, leftOut, _maxResults);

        writer.WriteString("columnKind", "utf16CodeUnits");
        writer.WriteStartArray("results");
        // GitHub expects "hash:occurrence" in primaryLocationLineHash: the n-th finding with the same hash in a file.
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var finding in findings)
        {
            var fingerprint = finding.Fingerprint;
            var occurrence = occurrences[fingerprint] = occurrences.GetValueOrDefault(fingerprint) + 1;
            WriteResult(writer, bases, finding, ruleIndex[finding.Rule.Id], fingerprint, occurrence);
        }

        writer.WriteEndArray();

        writer.WriteStartObject("properties");
        writer.WriteNumber("suppressed", report.Suppressed.Count);
        if (leftOut > 0)
        {
            writer.WriteNumber("findings", worstFirst.Count);
            writer.WriteNumber(ResultsLeftOutId, leftOut);
        }

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
        return buffer;
    }

    /// <summary>Every path the log writes: the kept results' locations and fixes, the errors' and notes'.</summary>
    private static IEnumerable<string> PathsOf(List<Finding> findings, Report report)
    {
        foreach (var finding in findings)
        {
            yield return finding.Location.Path;
            foreach (var related in finding.Related.Take(MaxLocationsPerResult - 1))
            {
                yield return related.Path;
            }

            foreach (var edit in finding.Fix?.Edits ?? [])
            {
                yield return edit.Span.Path;
            }
        }

        foreach (var error in report.Errors)
        {
            yield return error.Location.Path;
        }

        foreach (var note in report.Notes)
        {
            yield return note.Location.Path;
        }
    }

    private static void WriteBases(Utf8JsonWriter writer, SarifUriBases bases)
    {
        var outside = bases.OutsideBases.ToList();
        if (bases.ProjectRootUri is null && outside.Count == 0)
        {
            // A root that is not absolute ("."): %SRCROOT% is left for the consumer to set (GitHub: the checkout).
            return;
        }

        writer.WriteStartObject("originalUriBaseIds");
        if (bases.ProjectRootUri is { } rootUri)
        {
            writer.WriteStartObject(SourceRootId);
            writer.WriteString("uri", rootUri);
            writer.WriteEndObject();
        }

        foreach (var (id, uri) in outside)
        {
            writer.WriteStartObject(id);
            writer.WriteString("uri", uri);
            writer.WriteStartObject("description");
            writer.WriteString("text", id.StartsWith(SarifUriBases.EnvironmentPrefix, StringComparison.Ordinal)
                ? "An installed environment audited beside the project (--env)."
                : "The directory of an input named outside the project.");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static long GzipSize(MemoryStream log)
    {
        var counter = new CountingStream();
        using (var gzip = new GZipStream(counter, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(log.GetBuffer(), 0, (int)log.Length);
        }

        return counter.Length;
    }

    /// <summary>SARIF result level: critical and high are errors, medium a warning, low and info notes.</summary>
    public static string Level(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    /// <summary>
    /// GitHub's security-severity score for a severity, inside the bucket GitHub reads it back as (over 9.0 critical,
    /// 7.0 to 8.9 high, 4.0 to 6.9 medium, 0.1 to 3.9 low); null for info, which GitHub has no security severity for:
    /// an informational finding carries no score at all, so that GitHub does not show it as a low security alert.
    /// </summary>
    public static string? SecuritySeverity(Severity severity) => severity switch
    {
        Severity.Critical => "9.5",
        Severity.High => "8.0",
        Severity.Medium => "5.5",
        Severity.Low => "2.0",
        _ => null,
    };

    /// <summary>True when GitHub reads <paramref name="score"/> back as <paramref name="severity"/> (see <see cref="SecuritySeverity"/>).</summary>
    public static bool InBucket(double score, Severity severity) => severity switch
    {
        Severity.Critical => score is >= 9.0 and <= 10.0,
        Severity.High => score is >= 7.0 and < 9.0,
        Severity.Medium => score is >= 4.0 and < 7.0,
        Severity.Low => score is > 0.0 and < 4.0,
        _ => false,
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
        // GitHub keeps the first 10 tags of a rule: "security" first (it files the alerts as security alerts), then the area, then CWEs.
        var tags = new List<string> { "security", rule.Area };
        tags.AddRange(rule.Cwe.Order().Select(cwe => $"external/cwe/cwe-{cwe}"));
        foreach (var tag in tags.Take(MaxTagsPerRule))
        {
            writer.WriteStringValue(tag);
        }

        writer.WriteEndArray();
        writer.WriteString("precision", rule.DefaultConfidence.ToName());
        if (SecuritySeverity(rule.DefaultSeverity) is { } score)
        {
            writer.WriteString("security-severity", score);
        }

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

    private static void WriteInvocation(Utf8JsonWriter writer, Report report, SarifUriBases bases, int leftOut, int maxResults)
    {
        var errors = ReportOrder.Sort(report.Errors);
        writer.WriteStartArray("invocations");
        writer.WriteStartObject();
        // What "successful" means, as CodeQL uses it on GitHub: a file that could not be read is an error-level
        // notification (SARIF: the results may be incomplete) but the run went on and audited the rest, as its exit
        // code says (input errors do not make it 2). The execution failed only when an area could not run at all or
        // the project could not be walked: those errors are about the whole run (the project root, no line), not about
        // one file. So every error notification below is level "error", and the flag is false exactly when one of them
        // is about the whole run.
        writer.WriteBoolean("executionSuccessful", !errors.Any(IsRunFailure));
        writer.WriteString("startTimeUtc", JsonOutput.Timestamp(report.StartedAt));
        writer.WriteStartArray("toolExecutionNotifications");
        foreach (var error in errors)
        {
            WriteNotification(writer, bases, "error", IsRunFailure(error) ? "run-error" : "input-error", error.Location, error.Message);
        }

        if (leftOut > 0)
        {
            var total = report.Findings.Count;
            WriteNotification(writer, bases, "warning", ResultsLeftOutId, location: null,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{leftOut} of {total} findings left out: GitHub code scanning accepts at most {MaxResults:N0} results per run{(maxResults < MaxResults ? " (this log: " + maxResults.ToString("N0", CultureInfo.InvariantCulture) + ")" : "")} and {MaxGzipBytes / (1024 * 1024)} MB of gzip-compressed SARIF, so the {total - leftOut} most severe are listed; kingsnake audit --format json (or --format terminal) lists them all."));
        }

        foreach (var note in ReportOrder.Sort(report.Notes))
        {
            WriteNotification(writer, bases, "note", "input-note", note.Location, note.Message);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    /// <summary>An error about the project as a whole (the root, no line) rather than one of its files: the run itself failed.</summary>
    public static bool IsRunFailure(InputError error) => error.Location is { Path: "." or "", HasLine: false };

    private static void WriteNotification(Utf8JsonWriter writer, SarifUriBases bases, string level, string id, SourceSpan? location, string message)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("descriptor");
        writer.WriteString("id", id);
        writer.WriteEndObject();
        writer.WriteString("level", level);
        writer.WriteStartObject("message");
        writer.WriteString("text", location is { } at && (at.HasLine || at.Path.Length > 0) ? $"{at}: {message}" : message);
        writer.WriteEndObject();
        if (location is { Path.Length: > 0 } span)
        {
            writer.WriteStartArray("locations");
            WriteLocation(writer, bases, span, id: null);
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter writer, SarifUriBases bases, Finding finding, int ruleIndex, string fingerprint, int occurrence)
    {
        writer.WriteStartObject();
        writer.WriteString("ruleId", finding.Rule.Id);
        writer.WriteNumber("ruleIndex", ruleIndex);
        writer.WriteString("level", Level(finding.Severity));
        writer.WriteStartObject("message");
        writer.WriteString("text", finding.Message);
        writer.WriteEndObject();

        writer.WriteStartArray("locations");
        WriteLocation(writer, bases, finding.Location, id: null);
        writer.WriteEndArray();

        if (finding.Related.Count > 0)
        {
            writer.WriteStartArray("relatedLocations");
            // within GitHub's limit on the locations of one result (the primary one counts)
            for (var i = 0; i < finding.Related.Count && i < MaxLocationsPerResult - 1; i++)
            {
                WriteLocation(writer, bases, finding.Related[i], id: i + 1);
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
            WriteFix(writer, bases, fix);
        }

        writer.WriteStartObject("properties");
        writer.WriteString("severity", finding.Severity.ToName());
        writer.WriteString("confidence", finding.Confidence.ToName());
        if (ResultSecuritySeverity(finding) is { } score)
        {
            writer.WriteString("security-severity", score);
        }

        // the same facts, written by the same code, as the JSON report's "properties"
        finding.Data?.WriteProperties(writer);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>
    /// The CVSS base score of the advisory behind a dependency finding, when it has one that GitHub reads back as the
    /// finding's severity; else the severity's own score (a finding re-graded by configuration keeps its grade), and
    /// none for info.
    /// </summary>
    private static string? ResultSecuritySeverity(Finding finding) =>
        finding.Data is DependencyFindingData { CvssScore: { } cvss } && double.IsFinite(cvss) && InBucket(Math.Round(cvss, 1), finding.Severity)
            ? cvss.ToString("0.0", CultureInfo.InvariantCulture)
            : SecuritySeverity(finding.Severity);

    private static void WriteFix(Utf8JsonWriter writer, SarifUriBases bases, Fix fix)
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
            WriteArtifactLocation(writer, bases, file.Key);
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

    private static void WriteLocation(Utf8JsonWriter writer, SarifUriBases bases, SourceSpan span, int? id)
    {
        writer.WriteStartObject();
        if (id is { } number)
        {
            writer.WriteNumber("id", number);
        }

        writer.WriteStartObject("physicalLocation");
        WriteArtifactLocation(writer, bases, span.Path);
        if (span.HasLine)
        {
            writer.WritePropertyName("region");
            WriteRegion(writer, span);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteArtifactLocation(Utf8JsonWriter writer, SarifUriBases bases, string path)
    {
        var (uri, baseId) = bases.Locate(path);
        writer.WriteStartObject("artifactLocation");
        writer.WriteString("uri", uri);
        writer.WriteString("uriBaseId", baseId);
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

    /// <summary>The first paragraph of a rule's Markdown help, on one line: SARIF's fullDescription.</summary>
    private static string FirstParagraph(string help, string fallback)
    {
        var trimmed = help.Trim();
        var end = trimmed.IndexOf("\n\n", StringComparison.Ordinal);
        var paragraph = (end < 0 ? trimmed : trimmed[..end]).ReplaceLineEndings(" ").Trim();
        return paragraph.Length > 0 ? paragraph : fallback;
    }

    /// <summary>A stream that keeps only its length: the compressed size without the compressed bytes.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position
        {
            get => _length;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
