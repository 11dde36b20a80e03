using Kingsnake.Advisories.Grouping;
using Kingsnake.Advisories.Index;
using Kingsnake.Advisories.Matching;
using Kingsnake.Dependencies.Tests.Support;
using Kingsnake.Packaging.Versions;

namespace Kingsnake.Dependencies.Tests.Auditing;

/// <summary>
/// The advised release against the real PyPA database (October 2024 snapshot). Facts read from the records and checked
/// with pip's vendored packaging 21.3 (reference notes, section 7): django 1.11 is hit by 16 advisories; the lowest fix
/// that clears those, 2.2.24, is itself hit by 8 (ranges that start at 2.2 and end at 2.2.25–2.2.28); 2.2.28 is hit by
/// none. ajenti-panel's PYSEC-2018-109 has no fix (<c>introduced: 0</c> only).
/// </summary>
public sealed class SafeVersionTests(ITestOutputHelper output)
{
    private static readonly Lazy<AdvisoryDatabase> Database = new(() => AdvisoryDatabase.Compile(AdvisoryData.Path));

    private static IReadOnlyList<Vulnerability> Of(string package) => Database.Value.ForPackage(package);

    private static int Hits(string package, string version) => Of(package).Count(v => v.Affects(version));

    [Fact]
    public void Django_1_11_is_advised_the_first_release_no_advisory_affects()
    {
        Assert.Equal(16, Hits("django", "1.11"));
        Assert.Equal(8, Hits("django", "2.2.24")); // what the lowest fix of the 16 hits would have been
        Assert.Equal(0, Hits("django", "2.2.28"));
        Assert.Equal(PythonVersion.Parse("2.2.28"), SafeVersion.Lowest(Of("django"), "1.11"));
    }

    [Theory]
    [InlineData("jinja2", "2.11.2", "2.11.3")]
    [InlineData("urllib3", "1.26.4", "1.26.18")]
    [InlineData("sqlparse", "0.4.1", "0.4.4")]
    [InlineData("black", "23.1.0", "24.3.0")]
    [InlineData("certifi", "2020.12.5", "2023.7.22")]
    public void Advice_is_the_lowest_clean_release_above_the_installed_one(string package, string installed, string expected)
    {
        var safe = SafeVersion.Lowest(Of(package), installed);
        Assert.Equal(PythonVersion.Parse(expected), safe);
        Assert.Equal(0, Hits(package, expected));
    }

    [Fact]
    public void A_package_whose_advisory_has_no_fix_gets_no_advice()
    {
        Assert.True(Hits("ajenti-panel", "2.1.44") > 0);
        Assert.Null(SafeVersion.Lowest(Of("ajenti-panel"), "2.1.0"));
    }

    [Fact]
    public void A_lower_bound_that_is_clean_itself_is_the_answer_when_inclusive()
    {
        var django = Of("django");
        Assert.Equal(PythonVersion.Parse("2.2.28"), SafeVersion.Lowest(django, PythonVersion.Parse("2.2.28"), inclusive: true));
        Assert.True(SafeVersion.Lowest(django, PythonVersion.Parse("2.2.28"))! > PythonVersion.Parse("2.2.28"));
    }

    /// <summary>
    /// Over every package of the database, from the lowest version each advisory names: the advice is above it and no
    /// advisory of the package affects it. Also counts how often the former advice (the lowest fix that clears the
    /// advisories hitting the version) lands on a release that is still affected.
    /// </summary>
    [Fact]
    [Trait("Category", "Corpus")]
    public void Across_the_database_the_advice_is_never_affected_and_the_former_advice_often_was()
    {
        var database = Database.Value;
        var advised = 0;
        var formerStillAffected = 0;
        foreach (var package in database.PackageNames.Order(StringComparer.Ordinal))
        {
            var vulnerabilities = database.ForPackage(package);
            foreach (var start in Spread(vulnerabilities, 10))
            {
                var query = VersionQuery.From(start);
                var safe = SafeVersion.Lowest(vulnerabilities, start);
                if (safe is not null)
                {
                    advised++;
                    Assert.True(safe > start, $"{package} {start}: advised {safe}");
                    var clean = VersionQuery.From(safe);
                    Assert.DoesNotContain(vulnerabilities, v => v.Affects(clean));
                }

                var hits = vulnerabilities.Where(v => v.Affects(query)).ToList();
                var former = hits.SelectMany(v => v.FixedVersionsAbove(query)).Distinct().Order()
                    .FirstOrDefault(c => !hits.Any(v => v.Affects(VersionQuery.From(c))));
                if (former is not null && vulnerabilities.Any(v => v.Affects(VersionQuery.From(former))))
                {
                    formerStillAffected++;
                }
            }
        }

        output.WriteLine($"{advised} pieces of advice checked; the former advice was still affected {formerStillAffected} times");
        Assert.True(advised > 3000, $"{advised} pieces of advice checked");
        Assert.True(formerStillAffected > 100, $"the former advice was still affected {formerStillAffected} times");
    }

    /// <summary>Up to <paramref name="count"/> versions spread evenly over those the package's advisories name.</summary>
    private static IEnumerable<PythonVersion> Spread(IReadOnlyList<Vulnerability> vulnerabilities, int count)
    {
        var named = vulnerabilities.SelectMany(v => v.MentionedVersions())
            .Select(v => PythonVersion.TryParse(v, out var parsed) ? parsed : null).OfType<PythonVersion>()
            .Distinct().Order().ToList();
        var step = Math.Max(1, named.Count / count);
        for (var i = 0; i < named.Count; i += step)
        {
            yield return named[i];
        }
    }
}
