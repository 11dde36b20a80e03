using System.Text.Json.Nodes;
using Kingsnake.Packaging.Tests.Oracle;
using Kingsnake.Packaging.Versions;

namespace Kingsnake.Packaging.Tests.Oracle;

/// <summary>The oracle's answers for every generated version and version pair, fetched once for the class.</summary>
public sealed class VersionOracleFixture
{
    public VersionOracleFixture()
    {
        Versions = [.. CaseGenerator.Versions(4000)];
        Pairs = [.. CaseGenerator.VersionPairs(4000)];
        var cases = new List<JsonObject>();
        cases.AddRange(Versions.Select(v => PackagingOracle.Case("version", ("text", v))));
        cases.AddRange(Pairs.Select(p => PackagingOracle.Case("compare", ("a", p.A), ("b", p.B))));
        var answers = PackagingOracle.Run(cases);
        VersionAnswers = answers.Take(Versions.Count).ToList();
        PairAnswers = answers.Skip(Versions.Count).ToList();
    }

    public List<string> Versions { get; }

    public List<(string A, string B)> Pairs { get; }

    public List<JsonObject> VersionAnswers { get; }

    public List<JsonObject> PairAnswers { get; }
}

public sealed class VersionOracleTests(VersionOracleFixture oracle) : IClassFixture<VersionOracleFixture>
{
    [Fact]
    public void Parse_validity_and_normalized_forms_match_packaging()
    {
        var disagreements = new Disagreements("version parsing");
        for (var i = 0; i < oracle.Versions.Count; i++)
        {
            var text = oracle.Versions[i];
            var answer = oracle.VersionAnswers[i];
            var input = PackagingOracle.Show(text.Length > 80 ? text[..40] + "…" + text[^20..] : text);
            var valid = PythonVersion.TryParse(text, out var version);
            disagreements.Compare(input, "valid", !PackagingOracle.IsError(answer), valid);
            if (!valid || PackagingOracle.IsError(answer))
            {
                continue;
            }

            disagreements.Compare(input, "str", (string?)answer["str"], version.ToString());
            disagreements.Compare(input, "public", (string?)answer["public"], version.PublicText);
            disagreements.Compare(input, "base_version", (string?)answer["base"], version.BaseVersionText);
            disagreements.Compare(input, "local", (string?)answer["local"], version.Local);
            disagreements.Compare(input, "is_prerelease", (bool?)answer["pre"], version.IsPreRelease);
            disagreements.Compare(input, "is_postrelease", (bool?)answer["post"], version.IsPostRelease);
            disagreements.Compare(input, "is_devrelease", (bool?)answer["dev"], version.IsDevRelease);
            disagreements.Compare(input, "canonicalize_version", (string?)answer["canonical"], version.ToCanonicalString());
        }

        disagreements.AssertNone();
    }

    [Fact]
    public void Ordering_and_equality_match_packaging()
    {
        var disagreements = new Disagreements("version ordering");
        for (var i = 0; i < oracle.Pairs.Count; i++)
        {
            var (a, b) = oracle.Pairs[i];
            var answer = oracle.PairAnswers[i];
            var input = $"{PackagingOracle.Show(a)} vs {PackagingOracle.Show(b)}";
            var valid = PythonVersion.TryParse(a, out var left) & PythonVersion.TryParse(b, out var right);
            disagreements.Compare(input, "both valid", !PackagingOracle.IsError(answer), valid);
            if (!valid || PackagingOracle.IsError(answer))
            {
                continue;
            }

            disagreements.Compare(input, "compare sign", (int?)answer["sign"], Math.Sign(left.CompareTo(right)));
            disagreements.Compare(input, "reverse sign", -(int?)answer["sign"], Math.Sign(right.CompareTo(left)));
            disagreements.Compare(input, "==", (bool?)answer["eq"], left == right);
            if ((bool?)answer["eq"] == true)
            {
                disagreements.Compare(input, "hash equal", true, left.GetHashCode() == right.GetHashCode());
            }
        }

        disagreements.AssertNone();
    }
}
