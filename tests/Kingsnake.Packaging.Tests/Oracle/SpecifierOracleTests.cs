using System.Text.Json.Nodes;
using Kingsnake.Packaging.Specifiers;
using Kingsnake.Packaging.Versions;

namespace Kingsnake.Packaging.Tests.Oracle;

public sealed class SpecifierOracleFixture
{
    public SpecifierOracleFixture()
    {
        Specifiers = [.. CaseGenerator.Specifiers(3000)];
        Contains = [.. CaseGenerator.ContainsCases(6000)];
        Filters = [.. CaseGenerator.FilterCases(1500)];
        var cases = new List<JsonObject>();
        cases.AddRange(Specifiers.Select(s => PackagingOracle.Case("specifier", ("spec", s))));
        cases.AddRange(Contains.Select(c => PackagingOracle.Case("contains", ("spec", c.Spec), ("version", c.Version), ("pre", c.Pre))));
        cases.AddRange(Filters.Select(f => PackagingOracle.Case(
            "filter", ("spec", f.Spec), ("versions", new JsonArray([.. f.Versions.Select(v => (JsonNode)v)])), ("pre", f.Pre))));
        var answers = PackagingOracle.Run(cases);
        SpecifierAnswers = answers.Take(Specifiers.Count).ToList();
        ContainsAnswers = answers.Skip(Specifiers.Count).Take(Contains.Count).ToList();
        FilterAnswers = answers.Skip(Specifiers.Count + Contains.Count).ToList();
    }

    public List<string> Specifiers { get; }

    public List<(string Spec, string Version, bool? Pre)> Contains { get; }

    public List<(string Spec, string[] Versions, bool? Pre)> Filters { get; }

    public List<JsonObject> SpecifierAnswers { get; }

    public List<JsonObject> ContainsAnswers { get; }

    public List<JsonObject> FilterAnswers { get; }
}

public sealed class SpecifierOracleTests(SpecifierOracleFixture oracle) : IClassFixture<SpecifierOracleFixture>
{
    [Fact]
    public void Parse_validity_normalized_string_and_prerelease_policy_match_packaging()
    {
        var disagreements = new Disagreements("specifier parsing");
        for (var i = 0; i < oracle.Specifiers.Count; i++)
        {
            var text = oracle.Specifiers[i];
            var answer = oracle.SpecifierAnswers[i];
            var input = PackagingOracle.Show(text);
            var valid = SpecifierSet.TryParse(text, out var set, out var error);
            disagreements.Compare(input, "valid", !PackagingOracle.IsError(answer), valid);
            if (!valid)
            {
                if (PackagingOracle.IsError(answer) && (string?)answer["error"] == "InvalidSpecifier")
                {
                    disagreements.Compare(input, "error message", (string?)answer["message"], error);
                }

                continue;
            }

            if (PackagingOracle.IsError(answer))
            {
                continue;
            }

            disagreements.Compare(input, "str", (string?)answer["str"], set.ToString());
            disagreements.Compare(input, "len", (int?)answer["count"], set.Count);
            var prereleases = answer["prereleases"];
            if (prereleases is JsonValue value && value.TryGetValue<string>(out var raised))
            {
                // packaging raises when the policy depends on a non-PEP 440 "===" operand; we answer instead.
                disagreements.Compare(input, "prereleases raised only for a non-PEP 440 === operand", true, HasNonVersionArbitrary(set));
            }
            else
            {
                disagreements.Compare(input, "prereleases", (bool?)prereleases, set.AllowsPreReleases);
            }
        }

        disagreements.AssertNone();
    }

    [Fact]
    public void Contains_matches_packaging_for_every_prerelease_policy()
    {
        var disagreements = new Disagreements("specifier contains");
        for (var i = 0; i < oracle.Contains.Count; i++)
        {
            var (spec, version, pre) = oracle.Contains[i];
            var answer = oracle.ContainsAnswers[i];
            var input = $"{PackagingOracle.Show(version)} in {PackagingOracle.Show(spec)} (prereleases={pre?.ToString() ?? "None"})";
            var specValid = SpecifierSet.TryParse(spec, out var set);
            var versionValid = PythonVersion.TryParse(version, out var parsed);
            if (PackagingOracle.IsError(answer))
            {
                var explained = !specValid || !versionValid || (pre is null && HasNonVersionArbitrary(set));
                disagreements.Compare(input, $"oracle raised {(string?)answer["error"]}; explained by invalid input", true, explained);
                continue;
            }

            disagreements.Compare(input, "inputs valid", true, specValid && versionValid);
            if (specValid && versionValid)
            {
                disagreements.Compare(input, "contains", (bool?)answer["result"], set.Contains(parsed, pre));
                disagreements.Compare(input, "contains(string)", (bool?)answer["result"], set.Contains(version, pre));
            }
        }

        disagreements.AssertNone();
    }

    [Fact]
    public void Filter_matches_packaging()
    {
        var disagreements = new Disagreements("specifier filter");
        for (var i = 0; i < oracle.Filters.Count; i++)
        {
            var (spec, versions, pre) = oracle.Filters[i];
            var answer = oracle.FilterAnswers[i];
            var input = $"filter({PackagingOracle.Show(spec)}, [{string.Join(", ", versions.Select(PackagingOracle.Show))}], {pre?.ToString() ?? "None"})";
            var parsed = new List<PythonVersion>();
            var valid = SpecifierSet.TryParse(spec, out var set);
            foreach (var version in versions)
            {
                valid &= PythonVersion.TryParse(version, out var v);
                parsed.Add(v);
            }

            if (PackagingOracle.IsError(answer))
            {
                disagreements.Compare(input, "oracle raised; explained by invalid input", true, !valid || (pre is null && HasNonVersionArbitrary(set)));
                continue;
            }

            disagreements.Compare(input, "inputs valid", true, valid);
            if (!valid)
            {
                continue;
            }

            var expected = string.Join(" | ", answer["result"]!.AsArray().Select(n => (string?)n));
            var indexes = Enumerable.Range(0, versions.Length).ToArray();
            var actual = string.Join(" | ", set.Filter(indexes, index => parsed[index], pre).Select(index => versions[index]));
            disagreements.Compare(input, "filter", expected, actual);
        }

        disagreements.AssertNone();
    }

    private static bool HasNonVersionArbitrary(SpecifierSet? set) =>
        set is not null && set.Specifiers.Any(s => s.Kind == SpecifierOperator.Arbitrary && s.ParsedVersion is null);
}
