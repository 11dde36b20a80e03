using System.Globalization;
using System.Text.Json.Nodes;

namespace Kingsnake.Cli.Tests;

/// <summary>
/// The facts of findings of every area, from real inputs against the real PyPA database, carried alike by the JSON
/// report's <c>properties</c> and SARIF's result property bag (one serialization), and SARIF's security-severity
/// taken from the advisory's CVSS score. urllib3 PYSEC-2023-192 has CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N
/// (base score 8.1, read from the record and computed by hand).
/// </summary>
public sealed class FindingDataFormatsTests
{
    private static readonly CliRunner Runner = new();

    // The keys SARIF's result bag has of its own, before the finding's facts.
    private static readonly string[] SarifOwnKeys = ["severity", "confidence", "security-severity"];

    private static TempProject Project() => new TempProject()
        .With("requirements.txt", "urllib3==1.26.16\n")
        .With("app/run.py", "import subprocess\n\n\ndef run(cmd):\n    subprocess.run(cmd, shell=True)\n")
        .With(".github/workflows/triage.yml", "on: issues\npermissions: {}\njobs:\n  triage:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"${{ github.event.issue.title }}\"\n");

    private static JsonNode Render(TempProject project, string format)
    {
        var result = Runner.Run(["audit", project.Root, "--db", TestPaths.AdvisoryDatabase, "--format", format]);
        Assert.Equal(1, result.ExitCode);
        return JsonNode.Parse(result.Output)!;
    }

    [Fact]
    public void Json_properties_and_the_sarif_property_bag_carry_the_same_facts()
    {
        using var project = Project();
        var json = Render(project, "json");
        var sarif = Render(project, "sarif");
        var results = sarif["runs"]![0]!["results"]!.AsArray()
            .ToDictionary(r => r!["fingerprints"]!["kingsnake/v1"]!.GetValue<string>() + " " + r!["message"]!["text"]!.GetValue<string>());

        var findings = json["findings"]!.AsArray();
        Assert.Contains(findings, f => f!["properties"]!["package"]?.GetValue<string>() == "urllib3");
        Assert.Contains(findings, f => f!["properties"]!["bandit-id"]?.GetValue<string>() == "B602");
        Assert.Contains(findings, f => f!["properties"]!["persona"]?.GetValue<string>() == "regular");
        foreach (var finding in findings)
        {
            var key = finding!["fingerprint"]!.GetValue<string>() + " " + finding["message"]!.GetValue<string>();
            var bag = results[key]!["properties"]!.AsObject();
            Assert.Equal(SarifOwnKeys, bag.Take(3).Select(p => p.Key));
            var facts = new JsonObject(bag.Skip(3).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
            Assert.Equal(finding["properties"]!.ToJsonString(), facts.ToJsonString());
        }

        Assert.Equal(json["database"]!.ToJsonString(), sarif["runs"]![0]!["properties"]!["database"]!.ToJsonString());
        Assert.Equal(["age-days", "compiled-at", "content-hash", "newest-record", "newest-record-age-days", "records", "source", "vulnerabilities"], json["database"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Sarif_security_severity_is_the_cvss_score_when_the_advisory_has_one()
    {
        using var project = Project();
        var results = Render(project, "sarif")["runs"]![0]!["results"]!.AsArray();
        var cookie = Assert.Single(results, r => r!["properties"]!["advisories"]?.AsArray().Any(a => a!.GetValue<string>() == "PYSEC-2023-192") == true)!;
        Assert.Equal(8.1, cookie["properties"]!["cvss-score"]!.GetValue<double>(), 3);
        Assert.Equal("8.1", cookie["properties"]!["security-severity"]!.GetValue<string>());

        // every dependency result with a score shows it; those without, and the other areas', show their severity's bucket
        foreach (var result in results)
        {
            var bag = result!["properties"]!;
            var expected = bag["cvss-score"] is { } score
                ? score.GetValue<double>().ToString("0.0", CultureInfo.InvariantCulture)
                : Bucket(bag["severity"]!.GetValue<string>());
            Assert.Equal(expected, bag["security-severity"]?.GetValue<string>());
        }
    }

    /// <summary>The score of a severity; none for info, which GitHub has no security severity for.</summary>
    private static string? Bucket(string severity) => severity switch
    {
        "critical" => "9.5",
        "high" => "8.0",
        "medium" => "5.5",
        "low" => "2.0",
        _ => null,
    };
}
