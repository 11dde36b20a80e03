using System.Text.Json.Nodes;
using Kingsnake.Packaging.Markers;
using Kingsnake.Packaging.Names;
using Kingsnake.Packaging.Requirements;

namespace Kingsnake.Packaging.Tests.Oracle;

public sealed class DependencyOracleFixture
{
    public DependencyOracleFixture()
    {
        Requirements = [.. DependencyCaseGenerator.Requirements(4000)];
        Markers = [.. DependencyCaseGenerator.Markers(4000)];
        Names = [.. DependencyCaseGenerator.Names(2000)];
        var environments = new JsonArray([.. DependencyCaseGenerator.Environments.Select(e => (JsonNode)e.DeepClone())]);
        var cases = new List<JsonObject>();
        cases.AddRange(Requirements.Select(r => PackagingOracle.Case("requirement", ("text", r))));
        cases.AddRange(Markers.Select(m => PackagingOracle.Case("marker", ("text", m), ("envs", environments.DeepClone()))));
        cases.AddRange(Names.Select(n => PackagingOracle.Case("name", ("text", n))));
        var answers = PackagingOracle.Run(cases);
        RequirementAnswers = answers.Take(Requirements.Count).ToList();
        MarkerAnswers = answers.Skip(Requirements.Count).Take(Markers.Count).ToList();
        NameAnswers = answers.Skip(Requirements.Count + Markers.Count).ToList();
    }

    public List<string> Requirements { get; }

    public List<string> Markers { get; }

    public List<string> Names { get; }

    public List<JsonObject> RequirementAnswers { get; }

    public List<JsonObject> MarkerAnswers { get; }

    public List<JsonObject> NameAnswers { get; }

    public static Func<string, string?> Lookup(JsonObject environment) => name => (string?)environment[name];
}

public sealed class DependencyOracleTests(DependencyOracleFixture oracle) : IClassFixture<DependencyOracleFixture>
{
    private static string Short(string text) => PackagingOracle.Show(text.Length > 120 ? text[..60] + "…" + text[^30..] : text);

    [Fact]
    public void Requirements_parse_print_and_fail_like_packaging()
    {
        var disagreements = new Disagreements("requirements");
        for (var i = 0; i < oracle.Requirements.Count; i++)
        {
            var text = oracle.Requirements[i];
            var answer = oracle.RequirementAnswers[i];
            var input = Short(text);
            var valid = Requirement.TryParse(text, out var requirement, out string error);
            disagreements.Compare(input, "valid", !PackagingOracle.IsError(answer), valid);
            if (PackagingOracle.IsError(answer))
            {
                // Syntax errors carry the same message, source and caret line; Python's own SyntaxError from
                // ast.literal_eval and RecursionError are compared for validity only.
                if (!valid && (string?)answer["error"] is "InvalidRequirement" or "InvalidSpecifier")
                {
                    disagreements.Compare(input, "error", (string?)answer["message"], error);
                }

                continue;
            }

            if (!valid)
            {
                continue;
            }

            disagreements.Compare(input, "str", (string?)answer["str"], requirement.ToString());
            disagreements.Compare(input, "name", (string?)answer["name"], requirement.Name);
            disagreements.Compare(input, "extras", string.Join(",", answer["extras"]!.AsArray().Select(n => (string?)n)), string.Join(",", requirement.RawExtras));
            disagreements.Compare(input, "specifier", (string?)answer["specifier"], requirement.Specifier.ToString());
            disagreements.Compare(input, "url", (string?)answer["url"], requirement.Url);
            disagreements.Compare(input, "marker", (string?)answer["marker"], requirement.Marker?.ToString());
            // str() is not a fixed point in packaging (extra names normalize once they lead the marker): compare
            // the second generation against the oracle's second generation.
            var again = Requirement.TryParse(requirement.ToString(), out var reparsed) ? reparsed.ToString() : "error";
            var expectedAgain = (string?)answer["reparsed"];
            disagreements.Compare(input, "str(Requirement(str(r)))", expectedAgain!.StartsWith("error:", StringComparison.Ordinal) ? "error" : expectedAgain, again);
        }

        disagreements.AssertNone();
    }

    [Fact]
    public void Markers_parse_print_and_evaluate_like_packaging()
    {
        var disagreements = new Disagreements("markers");
        var environments = DependencyCaseGenerator.Environments;
        for (var i = 0; i < oracle.Markers.Count; i++)
        {
            var text = oracle.Markers[i];
            var answer = oracle.MarkerAnswers[i];
            var input = Short(text);
            var valid = Marker.TryParse(text, out var marker, out string error);
            disagreements.Compare(input, "valid", !PackagingOracle.IsError(answer), valid);
            if (PackagingOracle.IsError(answer))
            {
                if (!valid && (string?)answer["error"] == "InvalidMarker")
                {
                    disagreements.Compare(input, "error", (string?)answer["message"], error);
                }

                continue;
            }

            if (!valid)
            {
                continue;
            }

            disagreements.Compare(input, "str", (string?)answer["str"], marker.ToString());
            var results = answer["results"]!.AsArray();
            for (var e = 0; e < environments.Length; e++)
            {
                var expected = results[e]!.GetValue<object>().ToString();
                string actual;
                try
                {
                    actual = marker.Evaluate(DependencyOracleFixture.Lookup(environments[e])) ? "True" : "False";
                }
                catch (MarkerEvaluationException)
                {
                    actual = "error";
                }

                disagreements.Compare($"{input} in environment {e}", "evaluate", expected!.StartsWith("error:", StringComparison.Ordinal) ? "error" : expected, actual);
            }
        }

        disagreements.AssertNone();
    }

    [Fact]
    public void Canonical_names_and_validity_match_packaging()
    {
        var disagreements = new Disagreements("canonicalize_name");
        for (var i = 0; i < oracle.Names.Count; i++)
        {
            var text = oracle.Names[i];
            var answer = oracle.NameAnswers[i];
            disagreements.Compare(Short(text), "canonical", (string?)answer["canonical"], PackageName.Normalize(text));
            disagreements.Compare(Short(text), "valid", (bool?)answer["valid"], PackageName.IsValid(text));
        }

        disagreements.AssertNone();
    }

    [Fact]
    public void Partial_evaluation_agrees_with_full_evaluation_whenever_it_commits()
    {
        // With everything known, the three-valued answer is the two-valued one. With some variables hidden, a
        // definite answer must hold for every environment that agrees on the known ones.
        string[][] hiddenSets = [[], ["platform_release", "platform_version"], ["extra"], ["python_full_version", "implementation_version"], ["sys_platform", "os_name", "platform_system"]];
        var checkedDefinite = 0;
        var disagreements = new Disagreements("partial evaluation");
        foreach (var text in oracle.Markers)
        {
            if (!Marker.TryParse(text, out var marker))
            {
                continue;
            }

            foreach (var environment in DependencyCaseGenerator.Environments)
            {
                var lookup = DependencyOracleFixture.Lookup(environment);
                bool? full;
                try
                {
                    full = marker.Evaluate(lookup);
                }
                catch (MarkerEvaluationException)
                {
                    full = null;
                }

                foreach (var hidden in hiddenSets)
                {
                    var partial = marker.EvaluatePartial(name => hidden.Contains(name) ? null : lookup(name));
                    if (hidden.Length == 0 && full is not null)
                    {
                        disagreements.Compare(Short(text), "partial with nothing hidden", full, partial);
                    }

                    if (partial is not null && full is not null)
                    {
                        checkedDefinite++;
                        disagreements.Compare(Short(text) + $" hiding {string.Join('+', hidden)}", "definite partial answer", full, partial);
                    }
                }
            }
        }

        disagreements.AssertNone();
        Assert.True(checkedDefinite > 1000);
    }
}
