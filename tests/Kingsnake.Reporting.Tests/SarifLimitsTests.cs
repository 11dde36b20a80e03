using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Kingsnake.Core.Findings;
using Kingsnake.Reporting.Sarif;

namespace Kingsnake.Reporting.Tests;

/// <summary>
/// GitHub code scanning rejects a run of more than 25,000 results and a file over 10 MB gzip-compressed. Reports over
/// the limits are synthesized: findings of every severity, spread over many files, in a shuffled order.
/// </summary>
public sealed class SarifLimitsTests
{
    private static readonly Severity[] Severities = [Severity.Info, Severity.Low, Severity.Medium, Severity.High, Severity.Critical];

    /// <summary><paramref name="count"/> findings, the i-th of severity i mod 5, each in a file and with a message of its own.</summary>
    private static Kingsnake.Core.Auditing.Report Many(int count, int messageLength = 60)
    {
        var random = new Random(13);
        var findings = Enumerable.Range(0, count).Select(i =>
        {
            var message = new StringBuilder($"finding {i}: ");
            while (message.Length < messageLength)
            {
                // varied text, so that gzip cannot squeeze it to nothing
                message.Append(CultureInfo.InvariantCulture, $"{random.Next():x8} ");
            }

            return SampleReports.ShellFinding() with
            {
                Severity = Severities[i % 5],
                Message = message.ToString(),
                Location = new SourceSpan($"src/pkg{i % 97}/module{i}.py", (i % 400) + 1, 5, (i % 400) + 1, 30),
                Related = [],
                FingerprintSource = $"call {i}",
            };
        }).OrderBy(_ => random.Next()).ToList();
        return SampleReports.Full(findings);
    }

    private static JsonNode Run(string sarif) => JsonNode.Parse(sarif)!["runs"]![0]!;

    private static List<JsonNode> Results(JsonNode run) => [.. run["results"]!.AsArray().Select(r => r!)];

    [Fact]
    public void A_report_over_the_result_limit_keeps_the_most_severe_and_says_how_many_are_left_out()
    {
        var report = Many(53);
        var sarif = new SarifRenderer(maxResults: 15, maxGzipBytes: SarifRenderer.MaxGzipBytes).RenderToString(report);
        var run = Run(sarif);
        Assert.Empty(SarifStructure.Check(JsonNode.Parse(sarif)));

        var results = Results(run);
        Assert.Equal(15, results.Count);
        // 53 findings: 10 critical and 10 high (i mod 5 = 4 and 3), 11 of each other severity; the 15 kept are the
        // 10 critical and 5 high
        var kept = results.Select(r => r["properties"]!["severity"]!.GetValue<string>()).ToList();
        Assert.Equal(10, kept.Count(s => s == "critical"));
        Assert.Equal(5, kept.Count(s => s == "high"));
        // and they are listed in the usual order (by path), not by severity
        var paths = results.Select(r => r["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>()).ToList();
        Assert.Equal(paths.Order(StringComparer.Ordinal), paths);

        Assert.Equal(38, run["properties"]![SarifRenderer.ResultsLeftOutId]!.GetValue<int>());
        Assert.Equal(53, run["properties"]!["findings"]!.GetValue<int>());
        var notice = run["invocations"]![0]!["toolExecutionNotifications"]!.AsArray()
            .Single(n => n!["descriptor"]!["id"]!.GetValue<string>() == SarifRenderer.ResultsLeftOutId)!;
        Assert.Equal("warning", notice["level"]!.GetValue<string>());
        var text = notice["message"]!["text"]!.GetValue<string>();
        Assert.StartsWith("38 of 53 findings left out", text, StringComparison.Ordinal);
        Assert.Contains("--format json", text, StringComparison.Ordinal);
        // leaving results out is not a failed execution
        Assert.True(run["invocations"]![0]!["executionSuccessful"]!.GetValue<bool>());
    }

    [Fact]
    public void A_cut_log_is_valid_sarif_2_1_0()
    {
        var sarif = new SarifRenderer(maxResults: 20, maxGzipBytes: SarifRenderer.MaxGzipBytes).RenderToString(Many(53));
        var results = OfficialSarifSchema.Validate(sarif);
        Assert.True(results.IsValid, OfficialSarifSchema.Failures(results));
    }

    [Fact]
    public void A_report_within_the_limits_is_not_cut()
    {
        var sarif = new SarifRenderer(maxResults: 53, maxGzipBytes: SarifRenderer.MaxGzipBytes).RenderToString(Many(53));
        var run = Run(sarif);
        Assert.Equal(53, Results(run).Count);
        Assert.Null(run["properties"]![SarifRenderer.ResultsLeftOutId]);
        Assert.DoesNotContain(run["invocations"]![0]!["toolExecutionNotifications"]!.AsArray(), n => n!["descriptor"]!["id"]!.GetValue<string>() == SarifRenderer.ResultsLeftOutId);
    }

    [Fact]
    public void A_log_over_the_compressed_size_limit_is_cut_until_it_fits()
    {
        const long limit = 40_000;
        var report = Many(600, messageLength: 400);
        var full = new SarifRenderer().RenderToString(report);
        Assert.True(GzipSize(full) > 2 * limit, $"the uncut log is only {GzipSize(full)} bytes compressed");

        var sarif = new SarifRenderer(maxResults: SarifRenderer.MaxResults, maxGzipBytes: limit).RenderToString(report);
        Assert.InRange(GzipSize(sarif), 1, limit);
        var run = Run(sarif);
        var results = Results(run);
        Assert.NotEmpty(results);
        Assert.Equal(600 - results.Count, run["properties"]![SarifRenderer.ResultsLeftOutId]!.GetValue<int>());
        // the most severe first: no result kept is less severe than one left out
        var worstKept = results.Select(r => Enum.Parse<Severity>(r["properties"]!["severity"]!.GetValue<string>(), ignoreCase: true)).Min();
        Assert.True(report.Findings.Count(f => f.Severity > worstKept) <= results.Count);
        Assert.Empty(SarifStructure.Check(JsonNode.Parse(sarif)));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void A_report_of_more_than_25000_findings_gives_exactly_25000_results()
    {
        var report = Many(25_007);
        var sarif = new SarifRenderer().RenderToString(report);
        var run = Run(sarif);
        Assert.Equal(SarifRenderer.MaxResults, Results(run).Count);
        Assert.Equal(7, run["properties"]![SarifRenderer.ResultsLeftOutId]!.GetValue<int>());
        // the seven left out are info findings
        Assert.Equal(report.Findings.Count(f => f.Severity == Severity.Info) - 7, Results(run).Count(r => r["properties"]!["severity"]!.GetValue<string>() == "info"));
        Assert.InRange(GzipSize(sarif), 1, SarifRenderer.MaxGzipBytes);
    }

    [Fact]
    public void Related_locations_stop_at_githubs_limit_per_result()
    {
        var related = Enumerable.Range(1, 1500).Select(i => new SourceSpan("src/app/tâches.py", i, 1)).ToList();
        var finding = SampleReports.ShellFinding() with { Related = related };
        var log = JsonNode.Parse(new SarifRenderer().RenderToString(SampleReports.Full([finding])))!;
        Assert.Empty(SarifStructure.Check(log));
        Assert.Equal(SarifRenderer.MaxLocationsPerResult - 1, log["runs"]![0]!["results"]![0]!["relatedLocations"]!.AsArray().Count);
    }

    private static long GzipSize(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.Length;
    }
}
