using Kingsnake.Advisories.Index;
using Kingsnake.Core.Configuration;
using Kingsnake.Core.Findings;
using Kingsnake.Dependencies.Auditing;
using Kingsnake.Posture.Sbom;
using Kingsnake.Project.Auditing;
using Kingsnake.Reporting.Sbom;

namespace Kingsnake.Posture.Tests.Sbom;

/// <summary>
/// The real dependency auditor over real pins, against the real PyPA advisory database in shared/data, turned into
/// CycloneDX vulnerabilities. Facts read from the records by hand: urllib3 PYSEC-2023-192 (aliases CVE-2023-43804 and
/// GHSA-v845-jxx5-vc9f, CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N = 8.1, fixed 1.26.17, published
/// 2023-10-04T17:15:00Z, modified 2023-10-10T14:28:19.389317Z); jinja2 PYSEC-2021-66 (aliases CVE-2020-28493,
/// SNYK-PYTHON-JINJA2-1012994, GHSA-g3rq-g295-4j3m, no severity, fixed 2.11.3, published 2021-02-01T20:15:00Z).
/// </summary>
public sealed class BomVulnerabilitiesTests(BomVulnerabilitiesTests.CompiledDatabase compiled) : IClassFixture<BomVulnerabilitiesTests.CompiledDatabase>, IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private readonly string _project = Path.Combine(Path.GetTempPath(), "ks-bomvuln-" + Guid.NewGuid().ToString("N")[..12]);
    private bool _written;

    public void Dispose() => CompiledDatabase.Delete(_project);

    /// <summary>The advisory index compiled once for the class, in a cache directory removed afterwards.</summary>
    public sealed class CompiledDatabase : IDisposable
    {
        public string Source { get; } = FindDatabase();

        public string Cache { get; } = Path.Combine(Path.GetTempPath(), "ks-bomvuln-cache-" + Guid.NewGuid().ToString("N")[..12]);

        public void Dispose() => Delete(Cache);

        internal static void Delete(string dir)
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // already gone, or still in use: a temp directory either way
            }
        }
    }

    private static readonly Dictionary<(string, string), string> Refs = new()
    {
        [("urllib3", "1.26.16")] = "pkg:pypi/urllib3@1.26.16",
        [("Jinja2", "2.11.2")] = "pkg:pypi/jinja2@2.11.2",
        [("jinja2", "2.10.1")] = "pkg:pypi/jinja2@2.10.1",
    };

    [Fact]
    public void Advisories_become_one_entry_each_with_every_affected_component()
    {
        var (findings, database) = Audit(KingsnakeConfig.Default);
        var vulnerabilities = BomVulnerabilities.Build(findings, Refs, [], Now, database);

        Assert.Equal([.. vulnerabilities.Select(v => v.Id).Order(StringComparer.Ordinal)], vulnerabilities.Select(v => v.Id));
        Assert.Equal(vulnerabilities.Count, vulnerabilities.Select(v => v.Id).Distinct().Count());

        var cookie = Assert.Single(vulnerabilities, v => v.Id == "PYSEC-2023-192");
        Assert.Equal("OSV", cookie.SourceName);
        Assert.Equal("https://osv.dev/vulnerability/PYSEC-2023-192", cookie.SourceUrl);
        Assert.Contains("CVE-2023-43804", cookie.Aliases);
        Assert.Contains("GHSA-v845-jxx5-vc9f", cookie.Aliases);
        Assert.DoesNotContain("PYSEC-2023-192", cookie.Aliases);
        Assert.Equal(new BomRating("high", 8.1, "CVSSv31", "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N"), Assert.Single(cookie.Ratings));
        var affect = Assert.Single(cookie.Affects);
        Assert.Equal(("pkg:pypi/urllib3@1.26.16", "1.26.16"), (affect.Ref, affect.Version));
        Assert.Equal(["1.26.17"], affect.FixedVersions);
        Assert.Equal("Upgrade urllib3 to 1.26.17 or later.", cookie.Recommendation);
        Assert.Equal(new DateTimeOffset(2023, 10, 4, 17, 15, 0, TimeSpan.Zero), cookie.Published);
        Assert.Equal(new DateTimeOffset(2023, 10, 10, 14, 28, 19, TimeSpan.Zero).AddTicks(3893170), cookie.Updated);
        Assert.StartsWith("urllib3 is a user-friendly HTTP client library for Python. urllib3 doesn't", cookie.Description, StringComparison.Ordinal);
        Assert.Null(cookie.Analysis);

        // the same advisory in two files at two versions: one entry, both components
        var urlize = Assert.Single(vulnerabilities, v => v.Id == "PYSEC-2021-66");
        Assert.Equal(["pkg:pypi/jinja2@2.10.1", "pkg:pypi/jinja2@2.11.2"], urlize.Affects.Select(a => a.Ref));
        Assert.Equal(["2.10.1", "2.11.2"], urlize.Affects.Select(a => a.Version));
        Assert.All(urlize.Affects, a => Assert.Equal(["2.11.3"], a.FixedVersions));
        Assert.Contains("CVE-2020-28493", urlize.Aliases);
        Assert.Equal("unknown", Assert.Single(urlize.Ratings).Severity); // the record has no severity
        Assert.Null(urlize.Ratings[0].Score);
        Assert.Equal(new DateTimeOffset(2021, 2, 1, 20, 15, 0, TimeSpan.Zero), urlize.Published);

        // every advisory of every finding is there, and only those of components the SBOM has
        var expected = findings.Select(f => (DependencyFindingData)f.Data!).SelectMany(d => d.Vulnerabilities.Select(a => a.Id)).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(expected, vulnerabilities.Select(v => v.Id));
        Assert.All(vulnerabilities, v => Assert.All(v.Affects, a => Assert.Contains(a.Ref, Refs.Values)));
    }

    [Fact]
    public void Without_the_database_the_finding_alone_is_used()
    {
        var (findings, _) = Audit(KingsnakeConfig.Default);
        var cookie = Assert.Single(BomVulnerabilities.Build(findings, Refs, [], Now), v => v.Id == "PYSEC-2023-192");
        Assert.Equal(new BomRating("high", 8.1), Assert.Single(cookie.Ratings));
        Assert.Null(cookie.Published);
        Assert.StartsWith("urllib3 doesn't treat the `Cookie` HTTP header special", cookie.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Components_missing_from_the_sbom_are_left_out()
    {
        var (findings, _) = Audit(KingsnakeConfig.Default);
        var onlyUrllib3 = new Dictionary<(string, string), string> { [("urllib3", "1.26.16")] = "u" };
        var vulnerabilities = BomVulnerabilities.Build(findings, onlyUrllib3, [], Now);
        Assert.NotEmpty(vulnerabilities);
        Assert.All(vulnerabilities, v => Assert.Equal("u", Assert.Single(v.Affects).Ref));
    }

    [Fact]
    public void An_accepted_advisory_is_exploitable_will_not_fix_and_an_expired_one_is_open()
    {
        var ignores = new List<VulnerabilityIgnore>
        {
            new("CVE-2020-28493", "urlize is not used on user input", new DateOnly(2027, 3, 31)), // by alias
            new("PYSEC-2023-192", "old decision", new DateOnly(2024, 1, 1)), // expired
        };
        var (findings, database) = Audit(KingsnakeConfig.Default with { IgnoreVulnerabilities = ignores });
        var vulnerabilities = BomVulnerabilities.Build(findings, Refs, ignores, Now, database);

        var urlize = Assert.Single(vulnerabilities, v => v.Id == "PYSEC-2021-66");
        var analysis = Assert.IsType<BomAnalysis>(urlize.Analysis);
        Assert.Equal("exploitable", analysis.State);
        Assert.Equal(["will_not_fix"], analysis.Responses);
        Assert.Null(analysis.Justification);
        Assert.Equal("Accepted in the Kingsnake configuration (ignore-vulnerabilities, CVE-2020-28493) until 2027-03-31: urlize is not used on user input", analysis.Detail);
        Assert.Equal(2, urlize.Affects.Count); // still lists what it affects

        Assert.Null(Assert.Single(vulnerabilities, v => v.Id == "PYSEC-2023-192").Analysis);
        Assert.All(vulnerabilities.Where(v => v.Id != "PYSEC-2021-66"), v => Assert.Null(v.Analysis));

        // after the expiry the acceptance no longer holds
        var later = BomVulnerabilities.Build(findings, Refs, ignores, new DateTimeOffset(2027, 4, 1, 0, 0, 0, TimeSpan.Zero), database);
        Assert.Null(Assert.Single(later, v => v.Id == "PYSEC-2021-66").Analysis);
    }

    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSSv31")]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSSv3")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "CVSSv4")]
    [InlineData("AV:N/AC:L/Au:N/C:P/I:P/A:P", "CVSSv2")]
    [InlineData("high", null)]
    [InlineData(null, null)]
    public void Cvss_method_follows_the_vector(string? vector, string? method) =>
        Assert.Equal(method, BomVulnerabilities.CvssMethod(vector));

    /// <summary>The auditor's findings, the accepted ones (suppressed) included, and the database it used.</summary>
    private (List<Finding> Findings, AdvisoryDatabase Database) Audit(KingsnakeConfig config)
    {
        if (!_written)
        {
            Directory.CreateDirectory(_project);
            File.WriteAllText(Path.Combine(_project, "requirements.txt"), "urllib3==1.26.16\njinja2==2.11.2\n");
            File.WriteAllText(Path.Combine(_project, "requirements-docs.txt"), "Jinja2==2.10.1\n");
            _written = true;
        }

        var auditor = new DependencyAuditor(new DependencyAuditOptions { DatabasePath = compiled.Source, CacheDirectory = compiled.Cache });
        var result = auditor.Audit(new AuditContext { RootPath = _project, Config = config, Now = Now }, TestContext.Current.CancellationToken);
        Assert.Empty(result.Errors);
        return ([.. result.Findings, .. result.Suppressed.Select(s => s.Finding)], AdvisoryDatabase.Open(compiled.Source, compiled.Cache));
    }

    private static string FindDatabase()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "data"), Path.Combine(dir.FullName, "..", "shared", "data") })
            {
                var database = Path.Combine(candidate, "pypa-advisory-database");
                if (Directory.Exists(database))
                {
                    return Path.GetFullPath(database);
                }
            }
        }

        throw new InvalidOperationException("cannot find shared/data/pypa-advisory-database above " + AppContext.BaseDirectory);
    }
}
