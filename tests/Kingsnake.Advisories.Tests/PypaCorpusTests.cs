using System.Diagnostics;
using Kingsnake.Advisories.Index;
using Kingsnake.Advisories.Matching;
using Kingsnake.Advisories.Model;
using Kingsnake.Advisories.Reading;
using Kingsnake.Packaging.Versions;

namespace Kingsnake.Advisories.Tests;

/// <summary>Loads the real PyPA database once for the corpus tests, and times compile and cache load.</summary>
public sealed class PypaFixture : IDisposable
{
    private readonly ScratchDirectory _cache = TestData.Scratch();

    public PypaFixture()
    {
        Loaded = AdvisoryLoader.Load(TestData.PypaVulns);
        ById = Loaded.Advisories.ToDictionary(a => a.Id);
        var watch = Stopwatch.StartNew();
        Compiled = AdvisoryDatabase.Open(TestData.PypaVulns, _cache.Path);
        CompileTime = watch.Elapsed;
        watch.Restart();
        Cached = AdvisoryDatabase.Open(TestData.PypaVulns, _cache.Path);
        CachedOpenTime = watch.Elapsed;
        watch.Restart();
        _ = AdvisoryDatabase.OpenIndex(Cached.Status.IndexPath!);
        IndexOnlyTime = watch.Elapsed;
    }

    public AdvisoryLoadResult Loaded { get; }

    public Dictionary<string, Advisory> ById { get; }

    public AdvisoryDatabase Compiled { get; }

    public AdvisoryDatabase Cached { get; }

    public TimeSpan CompileTime { get; }

    public TimeSpan CachedOpenTime { get; }

    public TimeSpan IndexOnlyTime { get; }

    public AffectedPackage Entry(string id) => Assert.Single(ById[id].Affected);

    public void Dispose() => _cache.Dispose();
}

/// <summary>Every trap of the reference notes (sections 4 and 5), on the real record that shows it.</summary>
[Trait("Category", "Corpus")]
public class PypaCorpusTests(PypaFixture pypa) : IClassFixture<PypaFixture>
{
    private static PythonVersion V(string text) => PythonVersion.Parse(text);

    [Fact]
    public void Loads_every_record_minus_the_withdrawn_with_zero_errors()
    {
        Assert.Empty(pypa.Loaded.Errors);
        Assert.Equal(2661, pypa.Loaded.RecordFileCount); // vulns/.id-allocator is not a record
        Assert.Equal(10, pypa.Loaded.WithdrawnCount);
        Assert.Equal(2651, pypa.Loaded.Advisories.Count);
        Assert.Contains("PYSEC-2022-15", pypa.Loaded.WithdrawnIds); // loguru: withdrawn, no ranges, no versions
        Assert.DoesNotContain(pypa.Compiled.ForPackage("loguru"), v => v.Ids.Contains("PYSEC-2022-15"));
        Assert.Equal(["PYSEC-2022-14"], pypa.Compiled.ForPackage("loguru").Select(v => v.PrimaryId));

        // Independently counted with PyYAML + packaging 24.1: 660 normalized package names outside withdrawn
        // records; 5 pairs of records of one package share an alias, so 2,646 distinct flaws.
        Assert.Equal(660, pypa.Compiled.Status.PackageCount);
        Assert.Equal(2646, pypa.Compiled.Status.VulnerabilityCount);
        Assert.Equal("2024-10-10T17:22:00.587279Z", pypa.Compiled.Status.NewestModified);
        var distributed = pypa.Compiled.ForPackage("distributed").Single(v => v.Advisories.Count > 1);
        Assert.Equal("PYSEC-2021-871", distributed.PrimaryId);
        Assert.Equal(["PYSEC-2021-871", "PYSEC-2021-872"], distributed.Advisories.Select(a => a.Id));
        Assert.Contains("CVE-2021-42343", distributed.Ids);
    }

    [Fact]
    public void Unsorted_events_oslo_middleware_PYSEC_2018_104()
    {
        // Events listed as [3.9.0,3.19.1) [0,3.8.1) [3.20.0,3.23.1): walking them unsorted would clear 3.10.0.
        var entry = pypa.Entry("PYSEC-2018-104");
        Assert.True(entry.AffectsByRanges(V("3.10.0")));
        Assert.True(entry.Affects("3.19.0.post1")); // not in versions[]: the ranges decide
        Assert.False(entry.Affects("3.19.1"));
        Assert.False(entry.Affects("3.8.1"));
        Assert.True(entry.Affects("3.21.5"));
        Assert.False(entry.Affects("3.23.1"));
        Assert.Equal(["3.19.1", "3.23.1"], entry.FixedVersionsAbove(V("3.10.0")).Select(v => v.ToString()));
    }

    [Fact]
    public void Equal_version_ties_pyspark_PYSEC_2023_72()
    {
        // [0,3.1.1) [3.2.0,3.2.2) [3.1.1,3.2.0): fixed and introduced meet at 3.1.1 and at 3.2.0.
        var entry = pypa.Entry("PYSEC-2023-72");
        Assert.True(entry.AffectsByRanges(V("3.1.1")));
        Assert.True(entry.Affects("3.2.0")); // not in versions[] (it stops at 3.1.3): the tie rule decides
        Assert.True(entry.Affects("3.2.1"));
        Assert.False(entry.Affects("3.2.2"));
        Assert.Equal(["3.2.2"], entry.FixedVersionsAbove(V("2.4.0")).Select(v => v.ToString()));
    }

    [Fact]
    public void Versions_only_pre_releases_django_PYSEC_2023_61()
    {
        var entry = pypa.Entry("PYSEC-2023-61");
        foreach (var preRelease in new[] { "3.2a1", "4.2b1", "4.2rc1" })
        {
            Assert.False(entry.AffectsByRanges(V(preRelease)), preRelease); // introduced 3.2 / 4.2 exclude them
            Assert.True(entry.Affects(preRelease), preRelease); // versions[] lists them: the union counts them
        }

        Assert.True(entry.Affects("4.1.8"));
        Assert.False(entry.Affects("3.2.19"));
        Assert.False(entry.Affects("4.2.1"));
        var django = pypa.Cached.ForPackage("Django").Single(v => v.PrimaryId == "PYSEC-2023-61");
        Assert.True(django.Affects("4.2rc1"));
    }

    [Fact]
    public void Fix_listed_in_versions_gevent_PYSEC_2023_177_and_git_range_first()
    {
        var entry = pypa.Entry("PYSEC-2023-177");
        Assert.Equal(RangeType.Git, entry.Ranges[0].Type); // the GIT range comes first ...
        Assert.True(entry.Affects("0.0.1")); // ... and does not stop the ECOSYSTEM range (0.0.1 is not in versions[])
        Assert.True(entry.Affects("23.9.0")); // the data lists its own fix in versions[]: union says affected
        Assert.False(entry.AffectsByRanges(V("23.9.0")));
        Assert.False(entry.Affects("23.9.1"));
        Assert.Equal(["23.9.0"], entry.FixedVersionsAbove(V("22.10.2")).Select(v => v.ToString()));
        Assert.Equal("2023-09-25T14:28:09.019811Z", pypa.ById["PYSEC-2023-177"].Modified); // unquoted YAML timestamp
    }

    [Fact]
    public void Last_affected_py_PYSEC_2022_42969()
    {
        var entry = pypa.Entry("PYSEC-2022-42969");
        Assert.Equal(RangeEventKind.LastAffected, entry.Ranges[0].Events[1].Kind);
        Assert.True(entry.AffectsByRanges(V("1.11.0")));
        Assert.True(entry.Affects("1.11"));
        Assert.False(entry.Affects("1.11.0.post1"));
        Assert.False(entry.Affects("1.12.0"));
        Assert.Empty(entry.FixedVersionsAbove(V("1.0"))); // last_affected names no fix
    }

    [Fact]
    public void Invalid_fixed_events_binderhub_and_steam()
    {
        // binderhub PYSEC-2021-371 fixed "0.2.0-n653", steam PYSEC-2019-125 fixed "2019-09-12": not PEP 440, so the
        // ranges cannot be ordered and are not evaluated (documented choice: no false alarm on fixed releases);
        // neither record has versions[], so nothing matches and no fix is offered; nothing throws.
        foreach (var id in new[] { "PYSEC-2021-371", "PYSEC-2019-125" })
        {
            var entry = pypa.Entry(id);
            Assert.False(entry.Affects("0.1.0"), id);
            Assert.False(entry.Affects("99.0"), id);
            Assert.All(entry.Ranges.Where(r => r.Type == RangeType.Ecosystem), r => Assert.False(r.IsEvaluable));
            Assert.False(entry.Affects("2019-09-12"), id); // not PEP 440 and not in versions[]
            Assert.Empty(entry.FixedVersionsAbove(V("0.1")));
        }

        Assert.Contains("2019-09-12", pypa.Entry("PYSEC-2019-125").MentionedVersions());
    }

    [Fact]
    public void Non_normalized_name_jw_util_PYSEC_2020_341()
    {
        var entry = pypa.Entry("PYSEC-2020-341");
        Assert.Equal("jw.util", entry.RawName);
        Assert.Equal("jw-util", entry.Name);
        foreach (var query in new[] { "jw.util", "JW_Util", "jw-util" })
        {
            Assert.Equal(["PYSEC-2020-341"], pypa.Cached.ForPackage(query).Select(v => v.PrimaryId));
        }

        Assert.True(entry.Affects("2.2"));
        Assert.False(entry.Affects("2.3"));
        Assert.True(entry.Affects("-class.-jw.util.version.Version-")); // a non-PEP 440 versions[] entry, exact match
    }

    [Fact]
    public void Versions_outside_the_range_wagtail_PYSEC_2021_114_and_versions_only_gratient()
    {
        var wagtail = pypa.Entry("PYSEC-2021-114");
        Assert.False(wagtail.AffectsByRanges(V("2.11.6")));
        Assert.True(wagtail.Affects("2.11.6"));

        var gratient = pypa.Entry("PYSEC-2024-1");
        Assert.Empty(gratient.Ranges);
        Assert.True(gratient.Affects("0.5"));
        Assert.True(gratient.Affects("0.5.0"));
        Assert.False(gratient.Affects("0.6"));
        Assert.Empty(gratient.FixedVersionsAbove(V("0.5")));
    }

    [Fact]
    public void Yaml_timestamps_stay_the_text_of_the_record()
    {
        // Withdrawn records are parsed directly: hyperledger PYSEC-2022-43055 has an unquoted withdrawn time
        // that a YAML 1.1 loader turns into "2023-08-22 06:18:00+00:00".
        var hyperledger = OsvRecordParser.ParseYaml(File.ReadAllBytes(TestData.PypaRecord("hyperledger", "PYSEC-2022-43055")));
        Assert.Equal("2023-08-22T06:18:00Z", hyperledger.Withdrawn);
        foreach (var advisory in pypa.Loaded.Advisories)
        {
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", advisory.Modified);
        }
    }

    [Fact]
    public void Git_first_records_are_evaluated_on_their_ecosystem_range()
    {
        var all = AdvisoryLoader.EnumerateRecordFiles(TestData.PypaVulns)
            .Select(path => OsvRecordParser.ParseYaml(File.ReadAllBytes(path), path))
            .ToList();
        var gitFirst = all.Where(a => a.Affected.Any(e => e.Ranges.Count > 0 && e.Ranges[0].Type == RangeType.Git && e.Ranges.Any(r => r.Type == RangeType.Ecosystem))).ToList();
        Assert.Equal(1385, gitFirst.Count); // the reference notes' count, recounted with PyYAML
        var checkedCount = 0;
        foreach (var advisory in gitFirst)
        {
            foreach (var entry in advisory.Affected)
            {
                var ecosystem = entry.Ranges.First(r => r.Type == RangeType.Ecosystem);
                if (ecosystem.Events is [{ Kind: RangeEventKind.Introduced, Version: "0" }, { Kind: RangeEventKind.Fixed } fix]
                    && PythonVersion.TryParse(fix.Version, out var fixedVersion)
                    && !fixedVersion.IsPreRelease && !fixedVersion.IsPostRelease && !fixedVersion.HasLocal)
                {
                    // A dev release just below the fix: never listed in versions[], so only the range can match it.
                    var probe = fixedVersion.ToString() + ".dev0";
                    Assert.True(entry.Affects(probe), $"{advisory.Id} {probe}");
                    Assert.False(entry.Affects(fixedVersion.ToString()) && !entry.Versions.Contains(fix.Version), advisory.Id);
                    checkedCount++;
                }
            }
        }

        Assert.True(checkedCount >= 400, $"only {checkedCount} simple GIT-first records checked");
    }

    [Fact]
    public void Non_pep440_strings_in_versions_are_counted_and_never_throw()
    {
        var withInvalid = pypa.Loaded.Advisories.Concat(pypa.Loaded.WithdrawnIds.Select(_ => (Advisory?)null).OfType<Advisory>())
            .Count(a => a.Affected.Any(e => e.Versions.Any(v => VersionKey.Of(v) is null)));
        Assert.Equal(28, withInvalid); // packaging 24.1 rejects some versions[] strings in 28 records
        foreach (var advisory in pypa.Loaded.Advisories)
        {
            foreach (var entry in advisory.Affected)
            {
                foreach (var version in entry.Versions)
                {
                    Assert.True(entry.Affects(version), $"{advisory.Id} {version}"); // every listed version is affected
                    if (PythonVersion.TryParse(version, out var parsed))
                    {
                        Assert.Equal(VersionKey.Of(parsed), VersionKey.Of(version)); // fast path agrees with the parser
                    }
                }
            }
        }
    }

    [Fact]
    public void Cached_index_answers_exactly_like_the_raw_records()
    {
        Assert.True(pypa.Cached.Status.LoadedFromCache);
        Assert.Equal(pypa.Compiled.Status.ContentHash, pypa.Cached.Status.ContentHash);
        var vulnerabilities = pypa.Cached.AllVulnerabilities().ToList();
        Assert.Equal(2646, vulnerabilities.Count);
        Assert.Equal(2651, vulnerabilities.Sum(v => v.Advisories.Count));
        foreach (var vulnerability in vulnerabilities)
        {
            foreach (var cached in vulnerability.Advisories)
            {
                var raw = pypa.ById[cached.Id];
                Assert.Equal(raw.Details, cached.Details);
                Assert.Equal(raw.Aliases, cached.Aliases);
                var rawEntry = Assert.Single(raw.Affected);
                var cachedEntry = Assert.Single(cached.Affected);
                Assert.Equal(rawEntry.Versions, cachedEntry.Versions);
                foreach (var probe in cachedEntry.MentionedVersions())
                {
                    Assert.Equal(rawEntry.Affects(probe), cachedEntry.Affects(probe));
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"PyPA DB: compile from raw YAML + write index {pypa.CompileTime.TotalMilliseconds:F0} ms; " +
            $"open with valid cache (incl. source hash) {pypa.CachedOpenTime.TotalMilliseconds:F1} ms; " +
            $"index file only {pypa.IndexOnlyTime.TotalMilliseconds:F1} ms");
    }
}
