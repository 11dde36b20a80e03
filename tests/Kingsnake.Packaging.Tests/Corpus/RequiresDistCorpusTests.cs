using System.Text.Json.Nodes;
using Kingsnake.Packaging.Markers;
using Kingsnake.Packaging.Requirements;
using Kingsnake.Packaging.Tests.Oracle;

namespace Kingsnake.Packaging.Tests.Corpus;

/// <summary>Every <c>Requires-Dist</c> of the installed distributions under pyenv, parsed by us and by packaging 24.1.</summary>
[Trait("Category", "Corpus")]
public sealed class RequiresDistCorpusTests
{
    private static readonly string SitePackages = "/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages";

    [Fact]
    public void Every_Requires_Dist_parses_and_prints_like_packaging()
    {
        var lines = new List<(string File, string Value)>();
        foreach (var metadata in Directory.EnumerateFiles(SitePackages, "METADATA", SearchOption.AllDirectories)
                     .Where(path => Path.GetFileName(Path.GetDirectoryName(path))!.EndsWith(".dist-info", StringComparison.Ordinal)))
        {
            foreach (var value in ReadHeaderValues(metadata, "Requires-Dist"))
            {
                lines.Add((metadata, value));
            }
        }

        Assert.True(lines.Count > 300, $"only {lines.Count} Requires-Dist lines found under {SitePackages}");
        var environments = new JsonArray([.. DependencyCaseGenerator.Environments.Select(e => (JsonNode)e.DeepClone())]);
        var answers = PackagingOracle.Run([.. lines.Select(l => PackagingOracle.Case("requirement", ("text", l.Value)))]);
        var markerCases = new List<(string Text, Marker Marker)>();
        var disagreements = new Disagreements("Requires-Dist corpus");
        for (var i = 0; i < lines.Count; i++)
        {
            var (file, value) = lines[i];
            var input = $"{Path.GetFileName(Path.GetDirectoryName(file))}: {PackagingOracle.Show(value)}";
            var parsed = Requirement.TryParse(value, out var requirement, out string error);
            disagreements.Compare(input, "valid", !PackagingOracle.IsError(answers[i]), parsed);
            if (!parsed)
            {
                disagreements.Add($"{input}: {error}");
                continue;
            }

            disagreements.Compare(input, "str", (string?)answers[i]["str"], requirement.ToString());
            disagreements.Compare(input, "marker", (string?)answers[i]["marker"], requirement.Marker?.ToString());
            if (requirement.Marker is { } marker)
            {
                markerCases.Add((marker.ToString(), marker));
            }
        }

        // The markers of the corpus, evaluated in every test environment.
        var markerAnswers = PackagingOracle.Run([.. markerCases.Select(m => PackagingOracle.Case("marker", ("text", m.Text), ("envs", environments.DeepClone())))]);
        for (var i = 0; i < markerCases.Count; i++)
        {
            var results = markerAnswers[i]["results"]!.AsArray();
            for (var e = 0; e < results.Count; e++)
            {
                var expected = results[e]!.GetValue<object>().ToString()!;
                var ok = markerCases[i].Marker.TryEvaluate(ToEnvironment(DependencyCaseGenerator.Environments[e]), out var result, out _);
                disagreements.Compare($"{PackagingOracle.Show(markerCases[i].Text)} in environment {e}", "evaluate",
                    expected.StartsWith("error:", StringComparison.Ordinal) ? "error" : expected, ok ? (result ? "True" : "False") : "error");
            }
        }

        disagreements.AssertNone();
    }

    private static MarkerEnvironment ToEnvironment(JsonObject values) => new(
        (string)values["implementation_name"]!, (string)values["implementation_version"]!, (string)values["os_name"]!,
        (string)values["platform_machine"]!, (string)values["platform_release"]!, (string)values["platform_system"]!,
        (string)values["platform_version"]!, (string)values["python_full_version"]!, (string)values["platform_python_implementation"]!,
        (string)values["python_version"]!, (string)values["sys_platform"]!, (string)values["extra"]!);

    // Core metadata is an RFC 822 header block: fields until the first empty line, continuation lines indented.
    private static IEnumerable<string> ReadHeaderValues(string path, string field)
    {
        string? current = null;
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0)
            {
                break;
            }

            if (line[0] is ' ' or '\t')
            {
                if (current is not null)
                {
                    current += "\n" + line;
                }

                continue;
            }

            if (current is not null)
            {
                yield return current;
                current = null;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && string.Equals(line[..colon], field, StringComparison.OrdinalIgnoreCase))
            {
                current = line[(colon + 1)..].TrimStart(' ', '\t');
            }
        }

        if (current is not null)
        {
            yield return current;
        }
    }
}
