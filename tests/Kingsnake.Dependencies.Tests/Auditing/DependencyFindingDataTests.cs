using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kingsnake.Core.Configuration;
using Kingsnake.Core.Findings;
using Kingsnake.Dependencies.Auditing;
using Kingsnake.Dependencies.Tests.Support;
using Kingsnake.Project.Auditing;

namespace Kingsnake.Dependencies.Tests.Auditing;

/// <summary>
/// The facts of real dependency findings (the auditor over real inputs, against the real PyPA database) written as
/// the JSON report and SARIF carry them: exactly the keys docs/json-report.md documents, in ordinal order, each value
/// the typed record's. Advisory facts were read from the records: urllib3 PYSEC-2023-192 (CVE-2023-43804, fixed
/// 1.26.17, CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N, base score 8.1), jinja2 PYSEC-2021-66 (fixed 2.11.3).
/// </summary>
public sealed class DependencyFindingDataTests : IDisposable
{
    // The keys docs/json-report.md lists for dependency findings.
    private static readonly string[] DocumentedKeys =
        ["package", "version", "advisories", "aliases", "fixed-in", "unpinned", "introduced-by", "introduced-depth", "summary", "cvss-score", "remedy-command", "vulnerabilities"];

    private static readonly string[] AlwaysPresent = ["advisories", "aliases", "package", "summary", "unpinned", "version", "vulnerabilities"];

    // The keys docs/json-report.md lists for each item of "vulnerabilities".
    private static readonly string[] DocumentedAdvisoryKeys = ["id", "aliases", "summary", "summary-describes-package", "severity", "cvss-score", "fixed-in"];

    private readonly TempDirectory _project = new();
    private readonly TempDirectory _cache = new();

    public void Dispose()
    {
        _project.Dispose();
        _cache.Dispose();
    }

    [Fact]
    public void Pinned_findings_write_the_documented_keys_with_the_records_values()
    {
        _project.Write("requirements.txt", "urllib3==1.26.16\njinja2==2.11.2\n");
        var findings = Audit();

        // one finding for urllib3 1.26.16, listing both advisories that affect it (PYSEC-2023-212: fixed 1.26.18)
        var cookie = Single(findings, "PYSEC-2023-192");
        var data = Assert.IsType<DependencyFindingData>(cookie.Data);
        var written = Written(data);
        Assert.Equal(["advisories", "aliases", "cvss-score", "fixed-in", "package", "summary", "unpinned", "version", "vulnerabilities"], written.Select(p => p.Key));
        Assert.Equal("urllib3", written["package"]!.GetValue<string>());
        Assert.Equal("1.26.16", written["version"]!.GetValue<string>());
        Assert.False(written["unpinned"]!.GetValue<bool>());
        Assert.Equal(["PYSEC-2023-192", "PYSEC-2023-212"], Strings(written["advisories"]).Order(StringComparer.Ordinal));
        Assert.Contains("CVE-2023-43804", Strings(written["aliases"]));
        Assert.Equal(8.1, written["cvss-score"]!.GetValue<double>(), 3); // the higher of the two
        Assert.Equal(data.Summary, written["summary"]!.GetValue<string>());
        // the details open "urllib3 is a user-friendly HTTP client library for Python. urllib3 doesn't treat the `Cookie`
        // HTTP header special...": the description is dropped, the sentence about the flaw kept
        Assert.StartsWith("2 advisories; the most severe: urllib3 doesn't treat the `Cookie` HTTP header special", data.Summary, StringComparison.Ordinal);
        // the lowest release that neither affects
        Assert.Equal("1.26.18", written["fixed-in"]!.GetValue<string>());

        var each = written["vulnerabilities"]!.AsArray().Select(v => v!.AsObject()).ToList();
        var cookieLeak = Assert.Single(each, v => v["id"]!.GetValue<string>() == "PYSEC-2023-192");
        Assert.Equal(["aliases", "cvss-score", "fixed-in", "id", "severity", "summary"], cookieLeak.Select(p => p.Key));
        Assert.Equal("high", cookieLeak["severity"]!.GetValue<string>());
        Assert.Equal("1.26.17", cookieLeak["fixed-in"]!.GetValue<string>());
        Assert.Contains("CVE-2023-43804", Strings(cookieLeak["aliases"]));
        Assert.Equal("1.26.18", Assert.Single(each, v => v["id"]!.GetValue<string>() == "PYSEC-2023-212")["fixed-in"]!.GetValue<string>());
        Assert.All(each, v => Assert.All(v.Select(p => p.Key), k => Assert.Contains(k, DocumentedAdvisoryKeys)));

        var urlize = Single(findings, "PYSEC-2021-66");
        var jinja = Written(Assert.IsType<DependencyFindingData>(urlize.Data));
        Assert.Equal("jinja2", jinja["package"]!.GetValue<string>());
        Assert.Contains("CVE-2020-28493", Strings(jinja["aliases"]));
        Assert.False(jinja.ContainsKey("introduced-by"), "a direct dependency has no introduction path");

        Assert.All(findings, f => CheckKeys(Assert.IsType<DependencyFindingData>(f.Data)));
    }

    [Fact]
    public void Unpinned_range_finding_writes_its_specifier_and_no_score()
    {
        _project.Write("requirements.txt", "django>=3.0\n");
        var finding = Assert.Single(Audit());
        var data = Assert.IsType<DependencyFindingData>(finding.Data);
        var written = Written(data);
        CheckKeys(data);
        Assert.True(written["unpinned"]!.GetValue<bool>());
        Assert.Equal(">=3.0", written["version"]!.GetValue<string>());
        Assert.Equal(data.Advisories, Strings(written["advisories"]));
        Assert.True(data.Advisories.Count > 10, "django>=3.0 reaches many advisories");
        Assert.False(written.ContainsKey("cvss-score"));
        Assert.False(written.ContainsKey("introduced-by"));
    }

    [Fact]
    public void Transitive_finding_writes_the_introduction_path()
    {
        _project.Write("uv.lock", """
            version = 1
            requires-python = ">=3.9"

            [[package]]
            name = "app"
            version = "0.1.0"
            source = { editable = "." }
            dependencies = [{ name = "flask" }]

            [[package]]
            name = "flask"
            version = "1.1.4"
            source = { registry = "https://pypi.org/simple" }
            dependencies = [{ name = "jinja2" }]

            [[package]]
            name = "jinja2"
            version = "2.11.2"
            source = { registry = "https://pypi.org/simple" }
            """);
        var urlize = Single(Audit(), "PYSEC-2021-66");
        var data = Assert.IsType<DependencyFindingData>(urlize.Data);
        CheckKeys(data);
        var written = Written(data);
        Assert.Equal(["flask", "jinja2"], Strings(written["introduced-by"]));
        Assert.False(written.ContainsKey("introduced-depth"), "a two-package chain is shown whole");
    }

    /// <summary>The written keys: documented, in ordinal order, the always-present ones present, the others exactly when the record has the fact.</summary>
    private static void CheckKeys(DependencyFindingData data)
    {
        var keys = Written(data).Select(p => p.Key).ToList();
        Assert.Equal([.. keys.Order(StringComparer.Ordinal)], keys);
        Assert.All(keys, k => Assert.Contains(k, DocumentedKeys));
        Assert.All(AlwaysPresent, k => Assert.Contains(k, keys));
        Assert.Equal(data.FixedIn is not null, keys.Contains("fixed-in"));
        Assert.Equal(data.CvssScore is not null, keys.Contains("cvss-score"));
        Assert.Equal(data.IntroducedBy is not null, keys.Contains("introduced-by"));
        Assert.Equal(data.IntroducedBy is { IsElided: true }, keys.Contains("introduced-depth"));
    }

    private List<Finding> Audit()
    {
        var auditor = new DependencyAuditor(new DependencyAuditOptions { DatabasePath = AdvisoryData.Path, CacheDirectory = _cache.Path });
        var result = auditor.Audit(new AuditContext { RootPath = _project.Path, Config = KingsnakeConfig.Default }, TestContext.Current.CancellationToken);
        Assert.Empty(result.Errors);
        Assert.NotEmpty(result.Findings);
        return result.Findings;
    }

    private static Finding Single(IEnumerable<Finding> findings, string advisory) =>
        Assert.Single(findings, f => f.Data is DependencyFindingData data && data.Advisories.Contains(advisory));

    internal static JsonObject Written(FindingData data)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            data.WriteProperties(writer);
            writer.WriteEndObject();
        }

        return JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
    }

    private static List<string> Strings(JsonNode? node) => [.. node!.AsArray().Select(n => n!.GetValue<string>())];
}
