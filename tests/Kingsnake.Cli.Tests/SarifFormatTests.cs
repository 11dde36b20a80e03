using System.Text.Json.Nodes;
using Kingsnake.Reporting.Tests;

namespace Kingsnake.Cli.Tests;

/// <summary>
/// The SARIF of a real audit of the machine's Python 3.11 environment (outside the project, so its files arrive as
/// absolute paths): every URI relative to a declared base, the flag and notifications in agreement, the official schema met.
/// </summary>
public sealed class SarifFormatTests
{
    private static readonly CliRunner Runner = new();

    private static (string Sarif, JsonNode Run) EnvironmentAudit()
    {
        var result = Runner.Run("audit", "--env", TestPaths.Python311SitePackages, "--db", TestPaths.AdvisoryDatabase, "--format", "sarif", "--quiet");
        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        return (result.Output, JsonNode.Parse(result.Output)!["runs"]![0]!);
    }

    [Fact]
    public void Environment_audit_locations_are_relative_to_the_environment_base()
    {
        var (sarif, run) = EnvironmentAudit();
        Assert.Empty(SarifStructure.Check(JsonNode.Parse(sarif)));
        Assert.Equal("file://" + TestPaths.Python311SitePackages + "/", run["originalUriBaseIds"]!["ENV1"]!["uri"]!.GetValue<string>());
        // no absolute path of this machine anywhere but in the declared bases
        Assert.Equal(1, CountOf(sarif, "file:///root/"));

        var results = run["results"]!.AsArray();
        Assert.NotEmpty(results);
        foreach (var result in results)
        {
            var artifact = result!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!;
            Assert.Equal("ENV1", artifact["uriBaseId"]!.GetValue<string>());
            Assert.Matches(@"^[A-Za-z0-9_.%-]+-[^/]+\.dist-info/METADATA$", artifact["uri"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Environment_audit_success_flag_agrees_with_its_error_notifications()
    {
        var (_, run) = EnvironmentAudit();
        var json = JsonNode.Parse(Runner.Run("audit", "--env", TestPaths.Python311SitePackages, "--db", TestPaths.AdvisoryDatabase, "--format", "json", "--quiet").Output)!;
        var errors = json["errors"]!.AsArray();
        var invocation = run["invocations"]![0]!;
        var notifications = invocation["toolExecutionNotifications"]!.AsArray();
        Assert.Equal(errors.Count, notifications.Count(n => n!["level"]!.GetValue<string>() == "error"));
        Assert.Equal(json["notes"]!.AsArray().Count, notifications.Count(n => n!["level"]!.GetValue<string>() == "note"));
        // per-file errors leave the execution successful; only an error about the whole run (the root ".") fails it
        var runFailures = errors.Count(e => e!["location"]?["path"]?.GetValue<string>() == "." && e["location"]?["startLine"] is null);
        Assert.Equal(runFailures == 0, invocation["executionSuccessful"]!.GetValue<bool>());
    }

    [Fact]
    public void Environment_audit_is_valid_sarif_2_1_0()
    {
        var (sarif, _) = EnvironmentAudit();
        var results = OfficialSarifSchema.Validate(sarif);
        Assert.True(results.IsValid, OfficialSarifSchema.Failures(results));
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
