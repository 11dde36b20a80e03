using System.Text.Json;

namespace Kingsnake.Cli.Tests;

/// <summary><c>kingsnake audit --only workflows</c> end to end: the workflow auditor wired into the one report.</summary>
public sealed class WorkflowAuditCommandTests
{
    private const string PwnRequest = """
        name: greet
        on:
          pull_request_target:
        permissions:
          contents: read
        jobs:
          greet:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
                with:
                  ref: ${{ github.event.pull_request.head.sha }}
                  persist-credentials: false
              - run: echo "Thanks for ${{ github.event.pull_request.title }}"
              - run: make test
        """;

    /// <summary>A push workflow without permissions whose one job runs <paramref name="step"/> (its lines indented as a list item of steps).</summary>
    private static string OneStepWorkflow(string step) =>
        "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n" + string.Join('\n', step.Split('\n').Select(line => "      " + line)) + "\n";

    [Fact]
    public void Only_workflows_needs_no_advisory_database_and_reports_injection()
    {
        using var project = new TempProject().With(".github/workflows/greet.yml", PwnRequest).With("requirements.txt", "jinja2==2.11.2\n");
        var result = new CliRunner().Run("audit", project.Root, "--only", "workflows", "--format", "json");

        Assert.Equal(1, result.ExitCode);
        using var document = JsonDocument.Parse(result.Output);
        var findings = document.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.All(findings, f => Assert.StartsWith("GHA", f.GetProperty("ruleId").GetString(), StringComparison.Ordinal));
        var injection = Assert.Single(findings, f => f.GetProperty("ruleName").GetString() == "template-injection");
        Assert.Equal(".github/workflows/greet.yml", injection.GetProperty("location").GetProperty("path").GetString());
        Assert.Equal(14, injection.GetProperty("location").GetProperty("startLine").GetInt32());
        Assert.Contains(findings, f => f.GetProperty("ruleName").GetString() == "dangerous-triggers" && f.GetProperty("severity").GetString() == "critical");
    }

    [Fact]
    public void Default_run_covers_dependencies_and_workflows_in_one_report()
    {
        using var project = new TempProject().With(".github/workflows/greet.yml", PwnRequest).With("requirements.txt", "jinja2==2.11.2\n");
        var result = new CliRunner().Run("audit", project.Root, "--db", TestPaths.AdvisoryDatabase, "--format", "json");
        using var document = JsonDocument.Parse(result.Output);
        var rules = document.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()![..3]).Distinct().Order().ToList();
        Assert.Equal(["DEP", "GHA"], rules);
    }

    [Fact]
    public void Zizmor_ignore_comment_is_honoured()
    {
        var ignored = PwnRequest.Replace("title }}\"", "title }}\" # zizmor: ignore[template-injection]", StringComparison.Ordinal);
        using var project = new TempProject().With(".github/workflows/greet.yml", ignored);
        var result = new CliRunner().Run("audit", project.Root, "--only", "workflows", "--format", "json");
        using var document = JsonDocument.Parse(result.Output);
        Assert.DoesNotContain(document.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleName").GetString() == "template-injection");
    }

    [Fact]
    public void Malformed_workflow_is_an_error_with_its_line_and_others_are_still_audited()
    {
        using var project = new TempProject()
            .With(".github/workflows/broken.yml", "on: push\njobs:\n  build: [unclosed\n")
            .With(".github/workflows/greet.yml", PwnRequest);
        var result = new CliRunner().Run("audit", project.Root, "--only", "workflows", "--format", "json");
        Assert.Equal(1, result.ExitCode); // the other workflow's findings decide
        using var document = JsonDocument.Parse(result.Output);
        var error = Assert.Single(document.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(".github/workflows/broken.yml", error.GetProperty("location").GetProperty("path").GetString());
        Assert.True(error.GetProperty("location").GetProperty("startLine").GetInt32() >= 3);
        Assert.NotEmpty(document.RootElement.GetProperty("findings").EnumerateArray());
    }

    [Fact]
    public void Configured_deny_list_forbids_an_action()
    {
        using var project = new TempProject().With(".github/workflows/greet.yml", PwnRequest).With("kingsnake.toml", """
            [workflows]
            deny-uses = ["actions/checkout"]
            """);
        var result = new CliRunner().Run("audit", project.Root, "--only", "workflows", "--format", "json");
        using var document = JsonDocument.Parse(result.Output);
        Assert.Contains(document.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleName").GetString() == "forbidden-uses");

        using var unconfigured = new TempProject().With(".github/workflows/greet.yml", PwnRequest);
        using var plain = JsonDocument.Parse(new CliRunner().Run("audit", unconfigured.Root, "--only", "workflows", "--format", "json").Output);
        Assert.DoesNotContain(plain.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleName").GetString() == "forbidden-uses");
    }

    [Fact]
    public void Action_data_snapshot_turns_on_the_repository_audits_and_a_bad_one_is_an_error_naming_it()
    {
        var workflow = OneStepWorkflow("- uses: example/tool@shared");
        const string snapshot = """
            {
              "format": "kingsnake-action-data/1",
              "repositories": {
                "example/tool": {
                  "tags": { "shared": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
                  "branches": { "shared": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" }
                }
              }
            }
            """;
        using var project = new TempProject().With(".github/workflows/ci.yml", workflow).With("actions.json", snapshot).With("broken.json", "{ \"format\": ");

        static List<string?> RuleNames(CliResult result)
        {
            using var document = JsonDocument.Parse(result.Output);
            return [.. document.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleName").GetString())];
        }

        Assert.DoesNotContain("ref-confusion", RuleNames(new CliRunner().Run("audit", project.Root, "--only", "workflows", "--format", "json")));
        Assert.Contains("ref-confusion", RuleNames(new CliRunner().Run("audit", project.Root, "--only", "workflows", "--format", "json", "--action-data", project.PathOf("actions.json"))));

        var broken = new CliRunner().Run("audit", project.Root, "--only", "workflows", "--format", "json", "--action-data", project.PathOf("broken.json"));
        using var document = JsonDocument.Parse(broken.Output);
        var error = Assert.Single(document.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Contains("broken.json", error.GetRawText(), StringComparison.Ordinal);
        Assert.NotEmpty(document.RootElement.GetProperty("findings").EnumerateArray()); // the other audits still ran
    }

    [Fact]
    public void Version_comments_are_checked_against_the_projects_pins_file()
    {
        // 8ade135a… is v4.1.0 in the built-in list (requests' workflows); the project's lock file says v4.1.0 is another
        // commit, and the lock file is the more trusted source
        var workflow = OneStepWorkflow("- uses: actions/checkout@8ade135a41bc03ea155e62e844d188df1ea18608 # v4.1.0\n  with:\n    persist-credentials: false");
        const string pins = "[pins]\n\"actions/checkout@v4.1.0\" = \"1111111111111111111111111111111111111111\"\n";
        using var project = new TempProject().With(".github/workflows/ci.yml", workflow);

        List<JsonElement> Mismatches(params string[] extra)
        {
            var result = new CliRunner().Run(["audit", project.Root, "--only", "workflows", "--format", "json", .. extra]);
            using var document = JsonDocument.Parse(result.Output);
            Assert.Empty(document.RootElement.GetProperty("errors").EnumerateArray());
            return [.. document.RootElement.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("ruleId").GetString() == "GHA037").Select(f => f.Clone())];
        }

        Assert.Empty(Mismatches()); // the built-in list agrees with the comment

        project.With(".github/kingsnake-pins.toml", pins);
        var finding = Assert.Single(Mismatches());
        Assert.Equal(7, finding.GetProperty("location").GetProperty("startLine").GetInt32());
        Assert.Contains("v4.1.0 is commit 111111111111 (.github/kingsnake-pins.toml line 2)", finding.GetProperty("message").GetString(), StringComparison.Ordinal);

        // --pins names another file, which replaces the default one
        File.Delete(project.PathOf(".github/kingsnake-pins.toml"));
        project.With("elsewhere/pins.toml", pins);
        Assert.Single(Mismatches("--pins", project.PathOf("elsewhere/pins.toml")));
    }

    [Fact]
    public void Malformed_pins_file_is_one_error_and_the_audit_goes_on()
    {
        using var project = new TempProject()
            .With(".github/workflows/greet.yml", PwnRequest)
            .With(".github/kingsnake-pins.toml", "[pins]\n\"actions/checkout@v4.1.0\" = \"not-a-sha\"\n");
        var result = new CliRunner().Run("audit", project.Root, "--only", "workflows", "--format", "json");

        Assert.Equal(1, result.ExitCode);
        using var document = JsonDocument.Parse(result.Output);
        var error = Assert.Single(document.RootElement.GetProperty("errors").EnumerateArray()); // read once, not once per feature
        Assert.Equal(".github/kingsnake-pins.toml", error.GetProperty("location").GetProperty("path").GetString());
        Assert.Equal(2, error.GetProperty("location").GetProperty("startLine").GetInt32());
        Assert.Contains(document.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleName").GetString() == "template-injection");
    }
}
