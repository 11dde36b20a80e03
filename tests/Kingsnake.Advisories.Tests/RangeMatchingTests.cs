using Kingsnake.Advisories.Matching;
using Kingsnake.Advisories.Model;
using Kingsnake.Advisories.Reading;
using Kingsnake.Packaging.Versions;

namespace Kingsnake.Advisories.Tests;

/// <summary>The OSV evaluation rules, each on a small hand-written record.</summary>
public class RangeMatchingTests
{
    private static AffectedPackage Entry(string yamlAffected)
    {
        var advisory = OsvRecordParser.ParseYaml("id: TEST-1\nmodified: '2024-01-01T00:00:00Z'\naffected:\n" + yamlAffected);
        return Assert.Single(advisory.Affected);
    }

    private static AffectedPackage Ranges(params string[] events)
    {
        var lines = string.Join('\n', events.Select(e => "    - " + e));
        return Entry($"- package: {{ecosystem: PyPI, name: demo}}\n  ranges:\n  - type: ECOSYSTEM\n    events:\n{lines}\n");
    }

    [Theory]
    [InlineData("0.1", true)]
    [InlineData("1.9.9", true)]
    [InlineData("2.0rc1", true)] // pure order: a pre-release of the fix is below the fix
    [InlineData("2.0", false)]
    [InlineData("2.0.0", false)] // 2.0 == 2.0.0
    [InlineData("2.0.post1", false)]
    [InlineData("1.0+local", true)]
    [InlineData("0.0.dev0", true)] // introduced "0" is below every version, dev releases included
    [InlineData("1!0.1", false)] // epoch 1 sorts above 2.0
    public void Introduced_zero_to_fixed(string version, bool affected) =>
        Assert.Equal(affected, Ranges("introduced: '0'", "fixed: '2.0'").Affects(version));

    [Theory]
    [InlineData("3.2a1", false)] // introduced 3.2 excludes its own pre-releases
    [InlineData("3.2", true)]
    [InlineData("3.2.post1", true)]
    [InlineData("3.3", false)]
    public void Introduced_is_inclusive_and_pure_order(string version, bool affected) =>
        Assert.Equal(affected, Ranges("introduced: '3.2'", "fixed: '3.3'").Affects(version));

    [Theory]
    [InlineData("1.11.0", true)]
    [InlineData("1.11", true)]
    [InlineData("1.11.0.post1", false)]
    [InlineData("1.11.1", false)]
    [InlineData("1.11.0+build", false)] // pure order puts the local build after 1.11.0 (documented choice)
    public void Last_affected_is_inclusive(string version, bool affected) =>
        Assert.Equal(affected, Ranges("introduced: '0'", "last_affected: '1.11.0'").Affects(version));

    [Fact]
    public void Unsorted_events_are_sorted_before_walking()
    {
        var entry = Ranges("introduced: '2.0'", "fixed: '2.5'", "introduced: '0'", "fixed: '1.5'");
        Assert.True(entry.Affects("1.0"));
        Assert.False(entry.Affects("1.7"));
        Assert.True(entry.Affects("2.1"));
        Assert.False(entry.Affects("2.5"));
    }

    [Fact]
    public void At_equal_versions_fixed_comes_before_introduced()
    {
        // [0, 1.0) and [1.0, 2.0): 1.0 starts the second interval.
        var entry = Ranges("introduced: '0'", "fixed: '1.0'", "introduced: '1.0'", "fixed: '2.0'");
        Assert.True(entry.Affects("1.0"));
        Assert.True(entry.Affects("1.5"));
        Assert.False(entry.Affects("2.0"));

        // Same events, other order in the record: the answer must not change.
        var reordered = Ranges("introduced: '1.0'", "fixed: '2.0'", "introduced: '0'", "fixed: '1.0'");
        Assert.True(reordered.Affects("1.0"));
    }

    [Fact]
    public void Several_ranges_are_a_union_and_git_ranges_are_skipped_wherever_they_are()
    {
        var entry = Entry("""
            - package: {ecosystem: PyPI, name: demo}
              ranges:
              - type: GIT
                repo: https://example.invalid/demo
                events:
                - introduced: '0'
                - fixed: 0123456789abcdef0123456789abcdef01234567
              - type: ECOSYSTEM
                events:
                - introduced: '1.0'
                - fixed: '1.1'
              - type: SEMVER
                events:
                - introduced: '0'
              - type: ECOSYSTEM
                events:
                - introduced: '3.0'
            """);
        Assert.False(entry.Affects("0.9")); // the GIT and SEMVER ranges would say yes: not evaluated
        Assert.True(entry.Affects("1.0.5"));
        Assert.False(entry.Affects("2.0"));
        Assert.True(entry.Affects("3.4")); // open-ended second range
    }

    [Fact]
    public void Limit_bounds_the_range()
    {
        var entry = Ranges("introduced: '1.0'", "limit: '2.0'");
        Assert.True(entry.Affects("1.5"));
        Assert.False(entry.Affects("2.0"));
        Assert.False(entry.Affects("0.5"));
        Assert.True(Ranges("introduced: '1.0'", "limit: '*'").Affects("99"));
    }

    [Fact]
    public void Versions_list_is_a_union_with_ranges_and_compares_as_pep440()
    {
        var entry = Entry("""
            - package: {ecosystem: PyPI, name: Demo_Pkg}
              ranges:
              - type: ECOSYSTEM
                events:
                - introduced: '2.0'
                - fixed: '2.1'
              versions: ['1.0.0', '1.5-RC1', '0.1-bulbasaur', 'v3.0']
            """);
        Assert.Equal("demo-pkg", entry.Name);
        Assert.True(entry.Affects("1.0")); // 1.0 == 1.0.0
        Assert.True(entry.Affects("1.5rc1")); // 1.5-RC1 normalizes to 1.5rc1
        Assert.True(entry.Affects("3")); // v3.0
        Assert.True(entry.Affects("1.0.0+cpu")); // a local build of a listed version, as ==1.0.0 would match
        Assert.False(entry.Affects("1.0.0.post1"));
        Assert.True(entry.Affects("2.0.5"));
        Assert.False(entry.Affects("1.1"));
    }

    [Fact]
    public void Non_pep440_strings_match_only_exactly_and_never_throw()
    {
        var entry = Entry("""
            - package: {ecosystem: PyPI, name: demo}
              ranges:
              - type: ECOSYSTEM
                events:
                - introduced: '0'
                - fixed: '2.0'
              versions: ['0.1-bulbasaur', '2019-09-12']
            """);
        Assert.True(entry.Affects("0.1-bulbasaur"));
        Assert.False(entry.Affects("0.1-BULBASAUR"));
        Assert.False(entry.Affects("0.2-ivysaur")); // not PEP 440: ranges cannot order it
        Assert.True(entry.Affects("2019-09-12"));
        Assert.False(entry.Affects(""));
    }

    [Fact]
    public void A_range_with_an_invalid_event_is_not_evaluated()
    {
        var entry = Ranges("introduced: '0'", "fixed: 'not-a-version'");
        Assert.False(entry.Affects("0.1"));
        Assert.False(entry.Affects("5.0"));
        Assert.Empty(entry.FixedVersionsAbove(PythonVersion.Parse("1.0")));

        var invalidStart = Ranges("introduced: 'x.y'", "fixed: '2.0'");
        Assert.False(invalidStart.Affects("1.0"));
        Assert.Empty(invalidStart.FixedVersionsAbove(PythonVersion.Parse("1.0")));
    }

    [Fact]
    public void Fixed_versions_above_skip_fixes_that_a_range_reintroduces()
    {
        var entry = Ranges("introduced: '0'", "fixed: '1.0'", "introduced: '1.0'", "fixed: '1.2'", "introduced: '2.0'", "fixed: '2.3'");
        Assert.Equal(["1.2", "2.3"], entry.FixedVersionsAbove(PythonVersion.Parse("0.5")).Select(v => v.ToString()));
        Assert.Equal(["2.3"], entry.FixedVersionsAbove(PythonVersion.Parse("2.1")).Select(v => v.ToString()));
        Assert.Equal(["1.2", "2.3"], entry.FixedVersionsAbove(null).Select(v => v.ToString()));
    }

    [Fact]
    public void Mentioned_versions_are_versions_and_events_without_sentinels()
    {
        var entry = Entry("""
            - package: {ecosystem: PyPI, name: demo}
              ranges:
              - type: ECOSYSTEM
                events:
                - introduced: '0'
                - fixed: '1.2'
                - introduced: '1.5'
                - limit: '*'
              - type: GIT
                events:
                - introduced: abcdef
              versions: ['1.0', '1.1', '1.2']
            """);
        Assert.Equal(["1.0", "1.1", "1.2", "1.5"], entry.MentionedVersions());
    }

    [Fact]
    public void Version_keys_agree_with_pep440_equality()
    {
        string[] versions = ["1", "1.0", "1.0.0", "01.00", "1.0.0.0.0", "v1.0", "1.0-1", "1.0.post1", "1.0rc1", "1.0c1", "1.0RC1",
            "1.0.0a0", "1.0a", "1!1.0", "1.0+Cpu.01", "1.0+cpu.1", "0", "0.0", "10.0.1", "1.10", "1.1"];
        foreach (var left in versions)
        {
            foreach (var right in versions)
            {
                var equal = PythonVersion.Parse(left) == PythonVersion.Parse(right);
                Assert.True(equal == (VersionKey.Of(left) == VersionKey.Of(right)), $"{left} vs {right}");
            }
        }

        Assert.Null(VersionKey.Of("0.1-bulbasaur"));
        Assert.Null(VersionKey.Of("1..2"));
    }

    [Fact]
    public void Non_pypi_entries_are_dropped()
    {
        var advisory = OsvRecordParser.ParseYaml("""
            id: GHSA-test
            modified: 2024-01-01T00:00:00Z
            affected:
            - package: {ecosystem: npm, name: demo}
              versions: ['1.0']
            - package: {ecosystem: PyPI, name: demo}
              versions: ['2.0']
            """);
        var entry = Assert.Single(advisory.Affected);
        Assert.True(advisory.Affects("DEMO", "2.0"));
        Assert.False(advisory.Affects("demo", "1.0"));
        Assert.Equal("2024-01-01T00:00:00Z", advisory.Modified);
        Assert.Equal(["2.0"], entry.Versions);
    }
}
