using Kingsnake.Packaging.Specifiers;
using Kingsnake.Packaging.Versions;

namespace Kingsnake.Packaging.Tests.Specifiers;

public sealed class SpecifierSetTests
{
    private static bool In(string version, string specifiers, bool? preReleases = null) =>
        SpecifierSet.Parse(specifiers).Contains(PythonVersion.Parse(version), preReleases);

    [Fact]
    public void Equality_without_a_local_label_ignores_the_candidates_local_label()
    {
        Assert.True(In("1.0+cpu", "==1.0"));
        Assert.False(In("1.0", "==1.0+cpu"));
        Assert.True(In("1.0+cpu", "==1.0+CPU"));
    }

    [Fact]
    public void Prefix_matching_pads_with_zeros_and_ignores_local_labels()
    {
        Assert.True(In("1.0", "==1.0.0.*"));
        Assert.True(In("1.1+local", "==1.*"));
        Assert.False(In("1.10", "==1.1.*"));
        Assert.True(In("1.1.post1", "==1.1.*"));
        Assert.False(In("1.1.5", "!=1.1.*"));
    }

    [Fact]
    public void Exclusive_less_than_excludes_pre_releases_of_the_bound()
    {
        Assert.False(In("2.0a1", "<2.0", preReleases: true));
        Assert.True(In("1.9a1", "<2.0", preReleases: true));
        Assert.True(In("2.0a1", "<2.0a2", preReleases: true));
    }

    [Fact]
    public void Exclusive_greater_than_excludes_post_releases_and_local_builds_of_the_bound()
    {
        Assert.False(In("1.0.post1", ">1.0"));
        Assert.False(In("1.0+local", ">1.0"));
        Assert.True(In("1.0.1", ">1.0"));
        Assert.True(In("1.0.post2", ">1.0.post1"));
    }

    [Fact]
    public void Compatible_release_is_at_least_and_same_prefix()
    {
        Assert.True(In("1.4.9", "~=1.4.5"));
        Assert.False(In("1.5.0", "~=1.4.5"));
        Assert.False(In("1.4.4", "~=1.4.5"));
        Assert.True(In("2.9", "~=2.2.post3"));
        Assert.False(In("3.0", "~=2.2.post3"));
    }

    [Fact]
    public void Pre_releases_need_an_explicit_yes_or_a_clause_that_names_one()
    {
        Assert.False(In("1.5a1", ">=1.0"));
        Assert.True(In("1.5a1", ">=1.0", preReleases: true));
        Assert.True(In("1.5a1", ">=1.0a1")); // the clause names a pre-release
        Assert.False(In("1.5a1", "")); // the empty set admits final releases only by default
        Assert.True(In("1.5a1", "", preReleases: true));
        Assert.Null(SpecifierSet.Empty.AllowsPreReleases);
    }

    [Fact]
    public void Arbitrary_equality_compares_the_normalized_string_case_insensitively()
    {
        Assert.True(In("1.0", "===1.0"));
        Assert.False(In("1.0.0", "===1.0"));
        Assert.True(SpecifierSet.Parse("===Foo-Bar").Contains("foo-bar")); // non-PEP 440 versions: raw string match
        Assert.False(SpecifierSet.Parse("===foo,>=1").Contains("foo"));
    }

    [Fact]
    public void Prints_sorted_distinct_clauses_as_written()
    {
        Assert.Equal("!=1.5,<2.0,>=1.0", SpecifierSet.Parse(" >=1.0 , <2.0 ,!=1.5").ToString());
        Assert.Equal(">=1.0", SpecifierSet.Parse(">=1.0,>=1.0.0").ToString()); // equal clauses collapse, first kept
        Assert.Equal(">=V1.0", SpecifierSet.Parse(">= V1.0").ToString()); // operands are not normalized
        Assert.Equal(1, SpecifierSet.Parse("==1.0,==1.0.0").Count);
    }

    [Theory]
    [InlineData(">=1.0.*", "Invalid specifier: '>=1.0.*'")]
    [InlineData("~=1", "Invalid specifier: '~=1'")]
    [InlineData(">=1.0+local", "Invalid specifier: '>=1.0+local'")]
    [InlineData(">=1.0, lolwat", "Invalid specifier: 'lolwat'")]
    public void Rejects_invalid_clauses_with_packagings_message(string text, string message)
    {
        Assert.False(SpecifierSet.TryParse(text, out _, out var error));
        Assert.Equal(message, error);
        Assert.Throws<FormatException>(() => SpecifierSet.Parse(text));
    }

    [Fact]
    public void Filter_falls_back_to_pre_releases_only_for_an_empty_set()
    {
        var versions = new[] { "1.5a1", "2.0b1" }.Select(PythonVersion.Parse).ToList();
        Assert.Equal(versions, SpecifierSet.Empty.Filter(versions));
        Assert.Empty(SpecifierSet.Parse(">=1.0").Filter(versions));
        var mixed = new[] { "1.0", "1.5a1" }.Select(PythonVersion.Parse).ToList();
        Assert.Equal([mixed[0]], SpecifierSet.Empty.Filter(mixed));
    }
}
