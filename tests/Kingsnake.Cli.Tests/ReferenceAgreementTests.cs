using System.Text.Json;
using Kingsnake.Advisories.Index;
using Kingsnake.Packaging.Versions;

namespace Kingsnake.Cli.Tests;

/// <summary>
/// The correctness bar: Kingsnake reports exactly the (package, version, advisory) set that an independent
/// computation with pip's packaging 24.1 gives, on real environments and on every version the database names.
/// </summary>
[Trait("Category", "Corpus")]
public sealed class ReferenceAgreementTests
{
    private static readonly string[] RealEnvironments =
    [
        .. Directory.GetDirectories("/root/.pyenv/versions").SelectMany(v => Directory.GetDirectories(Path.Combine(v, "lib"), "python*"))
            .Select(lib => Path.Combine(lib, "site-packages")).Where(Directory.Exists).Order(StringComparer.Ordinal),
        TestPaths.DebianDistPackages,
    ];

    [Fact]
    public void Audit_of_real_environments_matches_the_reference()
    {
        Assert.Contains(TestPaths.Python311SitePackages, RealEnvironments);
        var expected = ReferenceAudit.ForEnvironments(RealEnvironments);
        Assert.NotEmpty(expected);

        var runner = new CliRunner();
        var report = Path.Combine(runner.CacheDirectory, "report.json");
        var arguments = new List<string> { "audit", "--db", TestPaths.AdvisoryDatabase, "--format", "json", "--output", report, "--fail-on", "critical" };
        foreach (var environment in RealEnvironments)
        {
            arguments.AddRange(["--env", environment]);
        }

        var result = runner.Run([.. arguments]);
        Assert.True(result.ExitCode is 0 or 1, result.ToString());

        var actual = new HashSet<(string, string, string)>();
        using var document = JsonDocument.Parse(File.ReadAllBytes(report));
        foreach (var finding in document.RootElement.GetProperty("findings").EnumerateArray())
        {
            var properties = finding.GetProperty("properties");
            Assert.Equal("DEP001", finding.GetProperty("ruleId").GetString());
            foreach (var advisory in properties.GetProperty("advisories").EnumerateArray())
            {
                actual.Add((properties.GetProperty("package").GetString()!, properties.GetProperty("version").GetString()!, advisory.GetString()!));
            }
        }

        Assert.Equal(expected.Order(), actual.Order());
    }

    [Fact]
    public void Every_version_the_database_names_matches_the_reference()
    {
        var database = AdvisoryDatabase.Compile(TestPaths.AdvisoryDatabase);
        var probes = new HashSet<(string Package, string Version, string Advisory)>();
        foreach (var vulnerability in database.AllVulnerabilities())
        {
            foreach (var advisory in vulnerability.Advisories)
            {
                foreach (var entry in advisory.AffectedEntriesFor(vulnerability.Package))
                {
                    foreach (var raw in entry.Versions)
                    {
                        probes.Add((vulnerability.Package, raw, advisory.Id));
                    }

                    // Every range bound and its neighbours: where off-by-one and pre/post/local mistakes show.
                    foreach (var bound in entry.Ranges.SelectMany(r => r.Events).Select(e => e.Version).Distinct())
                    {
                        probes.Add((vulnerability.Package, bound, advisory.Id));
                        if (!PythonVersion.TryParse(bound, out var version))
                        {
                            continue;
                        }

                        var text = version.ToString();
                        foreach (var neighbour in new[] { text + ".post1", text + ".dev0", text + "rc1", text + "+local.1", text + ".1", version.BaseVersion + "a1", "0.0.1", "9999" })
                        {
                            probes.Add((vulnerability.Package, neighbour, advisory.Id));
                        }
                    }
                }
            }
        }

        Assert.True(probes.Count > 100_000, $"only {probes.Count} probes");
        var expected = ReferenceAudit.ForProbes(probes);

        var actual = new HashSet<(string, string, string)>();
        var byId = database.AllVulnerabilities().SelectMany(v => v.Advisories).DistinctBy(a => a.Id).ToDictionary(a => a.Id);
        foreach (var (package, version, id) in probes)
        {
            if (byId[id].Affects(package, version))
            {
                actual.Add((package, version, id));
            }
        }

        var missing = expected.Except(actual).Take(20).ToList();
        var extra = actual.Except(expected).Take(20).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"{probes.Count} probes; reference only: {string.Join("; ", missing)}; Kingsnake only: {string.Join("; ", extra)}");
    }
}
