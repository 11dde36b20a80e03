using Kingsnake.Advisories.Grouping;
using Kingsnake.Advisories.Index;
using Kingsnake.Advisories.Model;
using Kingsnake.Core.Findings;

namespace Kingsnake.Advisories.Tests;

public class AdvisoryDatabaseTests
{
    private static string Yaml(string id, string package, string aliases, string events, string modified = "2024-01-01T00:00:00Z") => $"""
        id: {id}
        modified: {modified}
        aliases: [{aliases}]
        affected:
        - package: {"{"}ecosystem: PyPI, name: {package}{"}"}
          ranges:
          - type: ECOSYSTEM
            events: [{events}]
        """;

    private static ScratchDirectory SmallSource()
    {
        var scratch = TestData.Scratch();
        // Three records for one flaw: PYSEC-2 and GHSA-b share CVE-1; GHSA-c links through GHSA-b (transitive).
        scratch.Write("src/demo/PYSEC-2.yaml", Yaml("PYSEC-2", "demo", "CVE-1", "{introduced: '0'}, {fixed: '1.5'}", "2024-03-01T00:00:00Z"));
        scratch.Write("src/demo/GHSA-b.yaml", Yaml("GHSA-b", "Demo", "CVE-1, GHSA-c", "{introduced: '0'}, {fixed: '1.4'}"));
        scratch.Write("src/demo/GHSA-c.yaml", Yaml("GHSA-c", "demo", "", "{introduced: '1.0'}, {fixed: '1.6'}"));
        // A different flaw of the same package, related (not an alias) to PYSEC-2.
        scratch.Write("src/demo/PYSEC-9.yaml", Yaml("PYSEC-9", "demo", "CVE-9", "{introduced: '2.0'}, {fixed: '2.1'}") + "\nrelated: [PYSEC-2]\n");
        scratch.Write("src/other-pkg/OSV-1.yaml", Yaml("OSV-1", "Other_Pkg", "", "{introduced: '0'}", "2023-01-01T00:00:00Z"));
        return scratch;
    }

    [Fact]
    public void Aliases_merge_transitively_with_a_pysec_primary()
    {
        using var scratch = SmallSource();
        var database = AdvisoryDatabase.Compile(Path.Combine(scratch.Path, "src"));
        var vulnerabilities = database.ForPackage("DEMO");
        Assert.Equal(["PYSEC-2", "PYSEC-9"], vulnerabilities.Select(v => v.PrimaryId));
        var merged = vulnerabilities[0];
        Assert.Equal(["PYSEC-2", "GHSA-b", "GHSA-c", "CVE-1"], merged.Ids);
        Assert.Equal(["PYSEC-2", "GHSA-b", "GHSA-c"], merged.Advisories.Select(a => a.Id));
        Assert.Equal(["CVE-9"], vulnerabilities[1].Aliases);

        Assert.True(merged.Affects("0.1"));
        Assert.True(merged.Affects("1.5")); // GHSA-c still covers 1.5 although PYSEC-2 fixed it
        Assert.False(merged.Affects("1.6"));
        // 1.4 and 1.5 are fixes of one record but inside another's range: the real fix is 1.6.
        Assert.Equal(["1.6"], merged.FixedVersionsAbove("0.9").Select(v => v.ToString()));
        Assert.Equal(["2.1"], vulnerabilities[1].FixedVersionsAbove("2.0").Select(v => v.ToString()));

        Assert.Equal("other-pkg", Assert.Single(database.ForPackage("other.pkg")).Package);
        Assert.Empty(database.ForPackage("nothing-here"));
        Assert.Equal(5, database.Status.RecordCount);
        Assert.Equal(3, database.Status.VulnerabilityCount);
        Assert.Equal(2, database.Status.PackageCount);
        Assert.Equal("2024-03-01T00:00:00Z", database.Status.NewestModified);
    }

    [Fact]
    public void Alias_grouper_primary_choice_is_stable_across_input_order()
    {
        var records = new List<Advisory>
        {
            new("GHSA-z", "1", [new AffectedPackage("p")], aliases: ["CVE-5"]),
            new("OSV-1", "1", [new AffectedPackage("p")], aliases: ["CVE-5"]),
            new("PYSEC-7", "1", [new AffectedPackage("p")], aliases: ["GHSA-z"]),
        };
        var forward = Assert.Single(AliasGrouper.GroupRecords(records));
        records.Reverse();
        var backward = Assert.Single(AliasGrouper.GroupRecords(records));
        Assert.Equal("PYSEC-7", forward.PrimaryId);
        Assert.Equal(forward.Ids, backward.Ids);
        Assert.Equal(["PYSEC-7", "GHSA-z", "OSV-1", "CVE-5"], forward.Ids);
    }

    [Fact]
    public void Cache_is_written_reused_and_rebuilt_when_the_source_changes()
    {
        using var scratch = SmallSource();
        var source = Path.Combine(scratch.Path, "src");
        var cache = Path.Combine(scratch.Path, "cache");

        var first = AdvisoryDatabase.Open(source, cache);
        Assert.False(first.Status.LoadedFromCache);
        Assert.True(File.Exists(first.Status.IndexPath));
        Assert.Empty(Directory.GetFiles(cache, "*.tmp"));

        var second = AdvisoryDatabase.Open(source, cache);
        Assert.True(second.Status.LoadedFromCache);
        Assert.Equal(first.Status.ContentHash, second.Status.ContentHash);
        Assert.Equal(first.ForPackage("demo").Select(v => string.Join(',', v.Ids)), second.ForPackage("demo").Select(v => string.Join(',', v.Ids)));
        Assert.True(second.ForPackage("demo")[0].Affects("1.0"));

        scratch.Write("src/third/PYSEC-3.yaml", Yaml("PYSEC-3", "third", "", "{introduced: '0'}"));
        var third = AdvisoryDatabase.Open(source, cache);
        Assert.False(third.Status.LoadedFromCache);
        Assert.NotEqual(first.Status.ContentHash, third.Status.ContentHash);
        Assert.Equal(6, third.Status.RecordCount);
        Assert.Single(third.ForPackage("third"));
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("garbage")]
    public void A_damaged_cache_is_rebuilt_never_trusted(string damage)
    {
        using var scratch = SmallSource();
        var source = Path.Combine(scratch.Path, "src");
        var cache = Path.Combine(scratch.Path, "cache");
        var indexPath = AdvisoryDatabase.Open(source, cache).Status.IndexPath!;
        var bytes = File.ReadAllBytes(indexPath);
        switch (damage)
        {
            case "flip":
                bytes[bytes.Length / 2] ^= 0x40;
                File.WriteAllBytes(indexPath, bytes);
                break;
            case "truncate":
                File.WriteAllBytes(indexPath, bytes[..(bytes.Length - 17)]);
                break;
            default:
                File.WriteAllText(indexPath, "not an index");
                break;
        }

        Assert.Throws<InputFormatException>(() => AdvisoryDatabase.OpenIndex(indexPath));
        var reopened = AdvisoryDatabase.Open(source, cache);
        Assert.False(reopened.Status.LoadedFromCache);
        Assert.Contains(reopened.Errors, e => e.Message.Contains("cached index rejected", StringComparison.Ordinal));
        Assert.Equal(3, reopened.ForPackage("demo").Count + reopened.ForPackage("other-pkg").Count);
        Assert.True(AdvisoryDatabase.Open(source, cache).Status.LoadedFromCache); // the rebuilt file is good
    }

    [Fact]
    public void Import_sets_the_current_database()
    {
        using var scratch = SmallSource();
        var cache = Path.Combine(scratch.Path, "cache");
        Assert.Throws<AdvisoryDatabaseException>(() => AdvisoryDatabase.OpenCurrent(cache));

        var imported = AdvisoryDatabase.Import(Path.Combine(scratch.Path, "src"), cache);
        Assert.False(imported.Status.LoadedFromCache);
        var current = AdvisoryDatabase.OpenCurrent(cache);
        Assert.True(current.Status.LoadedFromCache);
        Assert.Equal(imported.Status.Source, current.Status.Source);

        // With its source gone the last index still serves, with a warning.
        Directory.Delete(Path.Combine(scratch.Path, "src"), recursive: true);
        var orphan = AdvisoryDatabase.OpenCurrent(cache);
        Assert.Equal(5, orphan.Status.RecordCount);
        Assert.Contains(orphan.Errors, e => e.Message.Contains("source is gone", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_or_unusable_sources_throw_a_clear_error()
    {
        using var scratch = TestData.Scratch();
        var missing = Assert.Throws<AdvisoryDatabaseException>(() => AdvisoryDatabase.Open(Path.Combine(scratch.Path, "nope"), scratch.Path));
        Assert.Contains("not found", missing.Message, StringComparison.Ordinal);

        var onlyBad = scratch.Write("bad/X.yaml", "id: [\n");
        var unusable = Assert.Throws<AdvisoryDatabaseException>(() => AdvisoryDatabase.Open(Path.GetDirectoryName(onlyBad)!, scratch.Path));
        Assert.Contains("X.yaml:2", unusable.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_cache_directory_follows_xdg()
    {
        Assert.Equal("/x/cache/kingsnake", AdvisoryDatabase.DefaultCacheDirectory("/x/cache", "/home/u"));
        Assert.Equal("/home/u/.cache/kingsnake", AdvisoryDatabase.DefaultCacheDirectory(null, "/home/u"));
        Assert.Equal("/home/u/.cache/kingsnake", AdvisoryDatabase.DefaultCacheDirectory("relative/path", "/home/u"));
    }
}
