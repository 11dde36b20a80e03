using System.Globalization;
using System.Text;
using System.Text.Json;
using Kingsnake.Core.Auditing;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Suppression;
using Kingsnake.Reporting.Common;

namespace Kingsnake.Reporting.Json;

/// <summary>
/// The code findings in the JSON shape Bandit writes (<c>bandit -f json</c>): <c>errors</c>, <c>generated_at</c>,
/// <c>metrics</c> per file and <c>_totals</c>, and <c>results</c>, keys sorted as Bandit's <c>sort_keys</c> sorts
/// them, so dashboards and scripts built on Bandit's output keep working. Findings of other areas (dependencies,
/// workflows) have no place in that shape and are left out; errors of every area are kept.
/// </summary>
/// <remarks>
/// Like Bandit, which reads the lines of <c>code</c> back from the scanned file when it writes its report, this
/// renderer reads each file with findings once, from the report's root, for the context lines.
/// </remarks>
public sealed class BanditJsonRenderer(RenderOptions options) : IReportRenderer
{
    private const string DocsBase = "https://bandit.readthedocs.io/en/latest/";

    // Bandit's metric keys, in sort_keys order (upper-case letters sort before lower-case ones).
    private static readonly string[] Levels = ["HIGH", "LOW", "MEDIUM", "UNDEFINED"];

    public string Format => "bandit-json";

    public string FileExtension => ".json";

    public void Render(Report report, Stream output)
    {
        var findings = ReportOrder.Sort(report.Findings.Where(f => f.Rule.Area == "code"));
        var files = new SortedDictionary<string, FileMetrics>(StringComparer.Ordinal);
        foreach (var scanned in report.ScannedFiles)
        {
            files[scanned.Path] = new FileMetrics { Loc = scanned.CodeLines };
        }

        foreach (var finding in findings)
        {
            MetricsOf(files, finding.Location.Path).Count(finding);
        }

        // Bandit's nosec and skipped_tests: the findings a bare "# nosec", or one naming the test, silenced.
        foreach (var (finding, reason) in report.Suppressed)
        {
            if (reason.Kind == SuppressionKind.BanditNosec)
            {
                var metrics = MetricsOf(files, finding.Location.Path);
                if (reason.NamesRule)
                {
                    metrics.SkippedTests++;
                }
                else
                {
                    metrics.Nosec++;
                }
            }
        }

        var totals = new FileMetrics();
        foreach (var metrics in files.Values)
        {
            totals.Add(metrics);
        }

        files["_totals"] = totals;
        using var writer = JsonOutput.CreateWriter(output);
        writer.WriteStartObject();
        writer.WriteStartArray("errors");
        foreach (var error in ReportOrder.Sort(report.Errors))
        {
            writer.WriteStartObject();
            writer.WriteString("filename", error.Location.Path);
            // Bandit's entries have only a file and a reason, so the position goes into the reason
            writer.WriteString("reason", error.Location.HasLine ? $"line {error.Location.StartLine}, column {error.Location.StartColumn}: {error.Message}" : error.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("generated_at", report.StartedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        writer.WriteStartObject("metrics");
        foreach (var (path, metrics) in files.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(path);
            metrics.Write(writer);
        }

        writer.WriteEndObject();
        writer.WriteStartArray("results");
        var sources = new QuotedLines(options.Sources);
        foreach (var finding in findings)
        {
            WriteResult(writer, finding, sources);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        output.WriteByte((byte)'\n');
    }

    /// <summary>The metrics of <paramref name="path"/>, added when the scan did not list it.</summary>
    private static FileMetrics MetricsOf(SortedDictionary<string, FileMetrics> files, string path)
    {
        if (!files.TryGetValue(path, out var metrics))
        {
            files[path] = metrics = new FileMetrics();
        }

        return metrics;
    }

    private static void WriteResult(Utf8JsonWriter writer, Finding finding, QuotedLines sources)
    {
        var location = finding.Location;
        var bandit = finding.Data as CodeFindingData;
        var lastLine = Math.Max(location.StartLine, location.EndLine);
        writer.WriteStartObject();
        writer.WriteString("code", sources.Context(location.Path, location.StartLine, lastLine - location.StartLine + 1));
        writer.WriteNumber("col_offset", Math.Max(location.StartColumn - 1, 0));
        writer.WriteNumber("end_col_offset", Math.Max(location.EndColumn - 1, 0));
        writer.WriteString("filename", location.Path);
        writer.WriteString("issue_confidence", Level(finding.Confidence));
        writer.WriteStartObject("issue_cwe");
        var cwe = finding.Rule.Cwe.Count > 0 ? finding.Rule.Cwe[0] : 0;
        writer.WriteNumber("id", cwe);
        writer.WriteString("link", cwe > 0 ? $"https://cwe.mitre.org/data/definitions/{cwe}.html" : "");
        writer.WriteEndObject();
        writer.WriteString("issue_severity", Level(finding.Severity));
        writer.WriteString("issue_text", finding.Message);
        writer.WriteNumber("line_number", location.StartLine);
        writer.WriteStartArray("line_range");
        for (var line = location.StartLine; line <= lastLine; line++)
        {
            writer.WriteNumberValue(line);
        }

        writer.WriteEndArray();
        writer.WriteString("more_info", bandit is null ? finding.Rule.HelpUri : MoreInfo(bandit.BanditId, bandit.BanditName));
        writer.WriteString("test_id", bandit?.BanditId ?? finding.Rule.Id);
        writer.WriteString("test_name", bandit is null ? finding.Rule.Name : IsBlacklist(bandit.BanditId) ? "blacklist" : bandit.BanditName);
        writer.WriteEndObject();
    }

    /// <summary>Bandit's blacklists are the B3xx calls and the B4xx imports; every other id is a plugin test.</summary>
    private static bool IsBlacklist(string banditId) => banditId.Length == 4 && banditId[1] is '3' or '4';

    /// <summary>The page of Bandit's documentation for a test, as Bandit links it.</summary>
    internal static string MoreInfo(string banditId, string banditName)
    {
        var id = banditId.ToLowerInvariant();
        return banditId[1] switch
        {
            '3' => $"{DocsBase}blacklists/blacklist_calls.html#{id}-{banditName.Replace('_', '-')}",
            '4' => $"{DocsBase}blacklists/blacklist_imports.html#{id}-{banditName.Replace('_', '-')}",
            _ => $"{DocsBase}plugins/{id}_{banditName}.html",
        };
    }

    private static string Level(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "HIGH",
        Severity.Medium => "MEDIUM",
        _ => "LOW",
    };

    private static string Level(Confidence confidence) => confidence switch
    {
        Confidence.High => "HIGH",
        Confidence.Medium => "MEDIUM",
        _ => "LOW",
    };

    /// <summary>One file's entry of Bandit's <c>metrics</c>.</summary>
    private sealed class FileMetrics
    {
        private readonly double[] _severity = new double[Levels.Length];
        private readonly double[] _confidence = new double[Levels.Length];

        public int Loc { get; set; }

        public int Nosec { get; set; }

        public int SkippedTests { get; set; }

        public void Count(Finding finding)
        {
            _severity[Array.IndexOf(Levels, Level(finding.Severity))]++;
            _confidence[Array.IndexOf(Levels, Level(finding.Confidence))]++;
        }

        public void Add(FileMetrics other)
        {
            for (var i = 0; i < Levels.Length; i++)
            {
                _severity[i] += other._severity[i];
                _confidence[i] += other._confidence[i];
            }

            Loc += other.Loc;
            Nosec += other.Nosec;
            SkippedTests += other.SkippedTests;
        }

        public void Write(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            for (var i = 0; i < Levels.Length; i++)
            {
                // Bandit writes these counts as floats (4.0); keep the decimal point so strict readers see the same type.
                writer.WritePropertyName($"CONFIDENCE.{Levels[i]}");
                writer.WriteRawValue(_confidence[i].ToString("0.0", CultureInfo.InvariantCulture));
            }

            for (var i = 0; i < Levels.Length; i++)
            {
                writer.WritePropertyName($"SEVERITY.{Levels[i]}");
                writer.WriteRawValue(_severity[i].ToString("0.0", CultureInfo.InvariantCulture));
            }

            writer.WriteNumber("loc", Loc);
            writer.WriteNumber("nosec", Nosec);
            writer.WriteNumber("skipped_tests", SkippedTests);
            writer.WriteEndObject();
        }
    }

    /// <summary>
    /// Bandit's <c>code</c> text: the finding's lines with one line of context before and after, each prefixed with
    /// its number and a space (<c>lineno - 1</c> up to <c>len(line_range) + 2</c> lines, stopping at the end of the file).
    /// </summary>
    private sealed class QuotedLines(ISourceLines source)
    {
        /// <summary>
        /// Longer lines are cut (Bandit quotes them whole): a minified file's one line, quoted for each of its findings,
        /// would make the report grow with findings times file size rather than with findings.
        /// </summary>
        private const int MaxQuotedLineChars = 4096;

        public string Context(string path, int line, int rangeLength)
        {
            var lines = source.Lines(path);
            if (lines is null || line < 1)
            {
                return "";
            }

            var first = Math.Max(1, line - 1);
            var text = new StringBuilder();
            for (var number = first; number < first + rangeLength + 2 && number <= lines.Count; number++)
            {
                var quoted = lines[number - 1];
                text.Append(number.ToString(CultureInfo.InvariantCulture)).Append(' ')
                    .Append(quoted.Length > MaxQuotedLineChars ? string.Concat(quoted.AsSpan(0, MaxQuotedLineChars), "…") : quoted).Append('\n');
            }

            return text.ToString();
        }
    }
}
