using System.Text.Json;

namespace Kingsnake.Cli.Tests;

/// <summary>
/// The audit command end to end on small projects, against the real PyPA database: exit codes, formats,
/// configuration, suppressions and bad input. Advisory facts used here were read from the records themselves
/// (jinja2 PYSEC-2021-66: fixed 2.11.3; django PYSEC-2023-61 among many).
/// </summary>
public sealed class AuditCommandTests
{
    private static readonly CliRunner Runner = new();

    private static CliResult Audit(TempProject project, params string[] extra) =>
        Runner.Run(["audit", project.Root, "--db", TestPaths.AdvisoryDatabase, .. extra]);

    private static JsonElement Json(CliResult result)
    {
        using var document = JsonDocument.Parse(result.Output);
        return document.RootElement.Clone();
    }

    private static List<JsonElement> Findings(CliResult result) => [.. Json(result).GetProperty("findings").EnumerateArray()];

    [Fact]
    public void Vulnerable_pin_exits_1_and_names_package_advisory_and_fix()
    {
        using var project = new TempProject().With("requirements.txt", "flask==2.3.3\njinja2==2.11.2\n");
        var result = Audit(project, "--format", "json");

        Assert.Equal(1, result.ExitCode);
        var jinja = Findings(result).Where(f => f.GetProperty("properties").GetProperty("package").GetString() == "jinja2").ToList();
        Assert.NotEmpty(jinja);
        var urlize = jinja.Single(f => f.GetProperty("properties").GetProperty("advisories").EnumerateArray().Any(a => a.GetString() == "PYSEC-2021-66"));
        Assert.Equal("DEP001", urlize.GetProperty("ruleId").GetString());
        Assert.Equal("requirements.txt", urlize.GetProperty("location").GetProperty("path").GetString());
        Assert.Equal(2, urlize.GetProperty("location").GetProperty("startLine").GetInt32());
        Assert.Contains("CVE-2020-28493", urlize.GetProperty("properties").GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));

        // The fix is the lowest release that clears every advisory hitting jinja2 2.11.2, so it is the same on each finding.
        var fixes = jinja.Select(f => f.GetProperty("properties").GetProperty("fixed-in").GetString()).Distinct().ToList();
        var fix = Assert.Single(fixes);
        Assert.True(Packaging.Versions.PythonVersion.Parse(fix!) >= Packaging.Versions.PythonVersion.Parse("2.11.3"));
    }

    [Fact]
    public void Clean_project_exits_0()
    {
        using var project = new TempProject().With("requirements.txt", "jinja2==3.1.4\n");
        var result = Audit(project);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("no findings", result.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_project_without_dependency_files_says_so()
    {
        using var project = new TempProject().With("README.md", "# nothing here\n");
        var result = Audit(project);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("no dependency inputs found", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Fail_on_threshold_decides_the_exit_code()
    {
        using var project = new TempProject().With("requirements.txt", "jinja2==2.11.2\n");
        var findings = Findings(Audit(project, "--format", "json"));
        var worst = findings.Select(f => f.GetProperty("severity").GetString()).Max(s => Array.IndexOf(["info", "low", "medium", "high", "critical"], s));
        Assert.True(worst < 4, "jinja2 2.11.2 has no critical advisory in the snapshot");
        Assert.Equal(0, Audit(project, "--fail-on", "critical").ExitCode);
        Assert.Equal(1, Audit(project, "--fail-on", "low").ExitCode);
    }

    [Fact]
    public void Unpinned_range_is_reported_once_and_informational()
    {
        using var project = new TempProject().With("requirements.txt", "django>=3.0\n");
        var result = Audit(project, "--format", "json");
        var finding = Assert.Single(Findings(result));
        Assert.Equal("DEP002", finding.GetProperty("ruleId").GetString());
        Assert.Equal("info", finding.GetProperty("severity").GetString());
        Assert.True(finding.GetProperty("properties").GetProperty("unpinned").GetBoolean());
        Assert.True(finding.GetProperty("properties").GetProperty("advisories").GetArrayLength() > 10);
        Assert.Equal(0, result.ExitCode); // informational: does not fail the build by default
    }

    [Fact]
    public void Range_whose_upper_bound_excludes_every_fix_carries_the_advisory_severity()
    {
        using var project = new TempProject().With("requirements.txt", "django<2.0\n");
        var result = Audit(project, "--format", "json");
        var finding = Assert.Single(Findings(result));
        Assert.Equal("DEP002", finding.GetProperty("ruleId").GetString());
        Assert.NotEqual("info", finding.GetProperty("severity").GetString());
        Assert.Contains("every install is vulnerable", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void Lockfile_pin_wins_over_the_manifest_range()
    {
        using var project = new TempProject()
            .With("pyproject.toml", "[project]\nname = \"demo\"\nversion = \"1.0\"\ndependencies = [\"jinja2>=2\"]\n")
            .With("poetry.lock", "[[package]]\nname = \"jinja2\"\nversion = \"2.11.2\"\ndescription = \"\"\noptional = false\npython-versions = \"*\"\n\n[metadata]\nlock-version = \"2.0\"\npython-versions = \"^3.8\"\ncontent-hash = \"0\"\n");
        var findings = Findings(Audit(project, "--format", "json"));
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Equal("DEP001", f.GetProperty("ruleId").GetString()));
        Assert.All(findings, f => Assert.Equal("poetry.lock", f.GetProperty("location").GetProperty("path").GetString()));
    }

    [Fact]
    public void Inline_comment_suppresses_one_finding()
    {
        using var project = new TempProject().With("requirements.txt", "jinja2==2.11.2  # kingsnake: ignore[DEP001]\nurllib3==1.26.4\n");
        var json = Json(Audit(project, "--format", "json"));
        var packages = json.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("package").GetString()).Distinct().ToList();
        Assert.Equal(["urllib3"], packages);
        Assert.True(json.GetProperty("summary").GetProperty("suppressed").GetInt32() > 0);
    }

    [Fact]
    public void Accepted_advisory_is_hidden_until_it_expires()
    {
        const string Requirements = "jinja2==2.11.2\n";
        using var accepted = new TempProject().With("requirements.txt", Requirements).With("kingsnake.toml", """
            [[ignore-vulnerabilities]]
            id = "CVE-2020-28493"
            reason = "urlize is never called on user input"
            until = 2999-01-01
            """);
        var ids = Findings(Audit(accepted, "--format", "json")).SelectMany(f => f.GetProperty("properties").GetProperty("advisories").EnumerateArray().Select(a => a.GetString())).ToList();
        Assert.DoesNotContain("PYSEC-2021-66", ids);

        using var expired = new TempProject().With("requirements.txt", Requirements).With("kingsnake.toml", """
            [[ignore-vulnerabilities]]
            id = "CVE-2020-28493"
            until = 2020-01-01
            """);
        var json = Json(Audit(expired, "--format", "json"));
        Assert.Contains("PYSEC-2021-66", json.GetProperty("findings").EnumerateArray().SelectMany(f => f.GetProperty("properties").GetProperty("advisories").EnumerateArray().Select(a => a.GetString())));
        Assert.Contains(json.GetProperty("notes").EnumerateArray(), n => n.GetProperty("message").GetString()!.Contains("expired", StringComparison.Ordinal));
    }

    [Fact]
    public void Baseline_hides_known_findings_and_shows_new_ones()
    {
        using var project = new TempProject().With("requirements.txt", "jinja2==2.11.2\n");
        var baseline = project.PathOf("baseline.json");
        Assert.Equal(1, Audit(project, "--write-baseline", baseline).ExitCode);
        Assert.Equal(0, Audit(project, "--baseline", baseline).ExitCode);

        project.With("requirements.txt", "jinja2==2.11.2\nurllib3==1.26.4\n");
        var findings = Findings(Audit(project, "--baseline", baseline, "--format", "json"));
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Equal("urllib3", f.GetProperty("properties").GetProperty("package").GetString()));
    }

    [Fact]
    public void Malformed_file_is_an_error_with_its_line_and_the_other_files_are_still_audited()
    {
        using var project = new TempProject()
            .With("requirements.txt", "jinja2==2.11.2\n")
            .With("pyproject.toml", "[project]\nname = \"demo\"\ndependencies = [\n  \"requests\",\n  oops\n]\n");
        var result = Audit(project, "--format", "json");

        Assert.Equal(1, result.ExitCode); // the jinja2 findings decide, not the broken file
        var json = Json(result);
        var error = Assert.Single(json.GetProperty("errors").EnumerateArray());
        Assert.Equal("pyproject.toml", error.GetProperty("location").GetProperty("path").GetString());
        Assert.Equal(5, error.GetProperty("location").GetProperty("startLine").GetInt32());
        Assert.Contains(json.GetProperty("findings").EnumerateArray(), f => f.GetProperty("properties").GetProperty("package").GetString() == "jinja2");
        Assert.Contains("pyproject.toml:5", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Sarif_output_names_rules_and_locations()
    {
        using var project = new TempProject().With("requirements.txt", "jinja2==2.11.2\n");
        var sarifPath = project.PathOf("out/report.sarif");
        var result = Audit(project, "--format", "sarif", "--output", sarifPath);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Output);

        using var sarif = JsonDocument.Parse(File.ReadAllBytes(sarifPath));
        var run = sarif.RootElement.GetProperty("runs")[0];
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        Assert.Contains(run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray(), r => r.GetProperty("id").GetString() == "DEP001");
        var first = run.GetProperty("results")[0];
        Assert.Equal("requirements.txt", first.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.True(first.GetProperty("partialFingerprints").EnumerateObject().Any());
    }

    [Fact]
    public void Markdown_output_has_a_findings_table()
    {
        using var project = new TempProject().With("requirements.txt", "jinja2==2.11.2\n");
        var result = Audit(project, "--format", "markdown");
        Assert.Contains("`DEP001`", result.Output, StringComparison.Ordinal);
        Assert.Contains("| Severity | Rule | Location |", result.Output, StringComparison.Ordinal);
        Assert.Contains("requirements.txt", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_database_the_other_areas_run_and_the_dependency_area_says_how_to_get_one()
    {
        using var project = new TempProject()
            .With("requirements.txt", "jinja2==2.11.2\n")
            .With("app.py", "import os\nos.system('ls ' + input())\n");
        var result = new CliRunner().Run("audit", project.Root);

        // the code finding decides the exit code; the missing database is an error of its area, said once
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("PY605", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("DEP001", result.Output, StringComparison.Ordinal);
        Assert.Contains("dependencies not audited: no advisory database", result.Output, StringComparison.Ordinal);
        Assert.Equal(1, Occurrences(result.Output + result.Error, "kingsnake db update"));
        Assert.Contains("kingsnake db import", result.Output, StringComparison.Ordinal);

        // in JSON the same error is in the report and on standard error
        var json = new CliRunner().Run("audit", project.Root, "--format", "json");
        Assert.Equal(1, json.ExitCode);
        Assert.Contains("dependencies not audited", json.Error, StringComparison.Ordinal);
        Assert.Contains("dependencies not audited", json.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--only", "deps")]
    [InlineData("-r", "requirements.txt")]
    public void Without_a_database_an_audit_asked_for_dependencies_exits_2_and_says_how_to_get_one(string option, string value)
    {
        using var project = new TempProject().With("requirements.txt", "jinja2==2.11.2\n");
        var runner = new CliRunner { CurrentDirectory = project.Root };
        var result = runner.Run("audit", option, value, project.Root);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(1, Occurrences(result.Error, "kingsnake db update"));
        Assert.Contains("kingsnake db import", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_area_named_before_the_path_does_not_swallow_it()
    {
        using var project = new TempProject().With("app.py", "import os\nos.system('ls ' + input())\n");
        var result = new CliRunner().Run("audit", "--only", "code", project.Root);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("PY605", result.Output, StringComparison.Ordinal);
    }

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [Fact]
    public void Html_report_says_where_the_advisories_came_from_and_how_fresh_they_are_in_one_line()
    {
        using var project = new TempProject().With("requirements.txt", "jinja2==2.11.2\n");
        var result = Audit(project, "--format", "html");
        Assert.Equal(1, result.ExitCode);
        var start = result.Output.IndexOf("<dt>Advisory database</dt><dd>", StringComparison.Ordinal);
        Assert.True(start >= 0, "no advisory database fact");
        var fact = result.Output[start..result.Output.IndexOf("</dd>", start, StringComparison.Ordinal)];
        Assert.Contains(TestPaths.AdvisoryDatabase + ": ", fact, StringComparison.Ordinal);
        Assert.Contains(" vulnerabilities; newest record 2024-10-10 (", fact, StringComparison.Ordinal);
        Assert.EndsWith(" days old)", fact, StringComparison.Ordinal);
        Assert.DoesNotContain("content hash", result.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Database_from_the_environment_variable_is_used()
    {
        using var project = new TempProject().With("requirements.txt", "jinja2==2.11.2\n");
        var result = new CliRunner().With("KINGSNAKE_DB", TestPaths.AdvisoryDatabase).Run("audit", project.Root);
        Assert.Equal(1, result.ExitCode);
    }

    [Theory]
    [InlineData("audit", "--format", "yaml")]
    [InlineData("audit", "--fail-on", "severe")]
    [InlineData("audit", "--no-such-option")]
    [InlineData("audit", "--only", "everything")]
    [InlineData("audit", "/no/such/dir")]
    public void Usage_errors_exit_2_with_a_reason(params string[] args)
    {
        var result = Runner.Run([.. args, "--db", TestPaths.AdvisoryDatabase]);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("kingsnake: ", result.Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// Settings that cannot be read stop the run (exit 2, one line, no report): an audit with other settings than the
    /// user's would answer another question. A pyproject.toml that is not TOML counts when it holds [tool.kingsnake].
    /// </summary>
    [Theory]
    [InlineData("pyproject.toml", "[tool.kingsnake]\nfail-on = \"high\"\nfail-on = \"low\"\n", "pyproject.toml:3:1: invalid TOML: duplicate key 'fail-on'")]
    [InlineData("pyproject.toml", "[project]\nname = \"demo\"\ndependencies = [oops]\n\n[tool.kingsnake]\nfail-on = \"high\"\n", "pyproject.toml:3:")]
    [InlineData("pyproject.toml", "[tool.kingsnake]\nfail-on = \"severe\"\n", "pyproject.toml:2:11: 'fail-on' must be one of")]
    [InlineData("kingsnake.toml", "fail-on = \"high\"\nignore = [\"DEP001\"\n", "kingsnake.toml:3:")]
    public void Malformed_configuration_stops_the_run_naming_file_and_line(string file, string content, string expected)
    {
        using var project = new TempProject().With("requirements.txt", "jinja2==2.11.2\n").With(file, content);
        var result = Audit(project, "--format", "json");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.StartsWith($"kingsnake: {expected}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Configuration_fail_on_and_severity_overrides_apply()
    {
        using var project = new TempProject().With("requirements.txt", "django<2.0\n").With("pyproject.toml", """
            [tool.kingsnake]
            fail-on = "critical"

            [tool.kingsnake.severity]
            unpinned-vulnerable-range = "critical"
            """);
        var result = Audit(project, "--format", "json");
        Assert.Equal("critical", Assert.Single(Findings(result)).GetProperty("severity").GetString());
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void Timings_go_to_standard_error()
    {
        using var project = new TempProject().With("requirements.txt", "jinja2==3.1.4\n");
        var result = Audit(project, "--timings", "--format", "json");
        Assert.Contains("timing: deps: open advisory index", result.Error, StringComparison.Ordinal);
        Json(result); // stdout stays pure JSON
    }
}
