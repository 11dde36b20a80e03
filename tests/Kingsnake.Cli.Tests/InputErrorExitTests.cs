using System.Text.Json;

namespace Kingsnake.Cli.Tests;

/// <summary>
/// No run lost to one file: a Python file that does not parse is reported — file, line, column, message — in every
/// format, and the exit code follows the findings as for any run; <c>--strict</c> turns such errors into exit 2.
/// </summary>
public sealed class InputErrorExitTests
{
    /// <summary>CPython: <c>bad.py</c>, line 1, offset 12, "invalid syntax".</summary>
    private const string Broken = "def broken(:\n    pass\n";

    /// <summary>
    /// A shell command built from an argument: PY602 (Bandit B602) at line 5. The bare import (PY404, B404) is reported
    /// only with <c>--compat bandit</c>.
    /// </summary>
    private const string Shell = """
        import subprocess


        def run(cmd):
            return subprocess.call(cmd, shell=True)

        """;

    /// <summary>A workflow whose two injections are fixed over two passes, with nothing left after (see FixCommandTests).</summary>
    private const string Greet = """
        on: issues
        permissions: {}
        jobs:
          greet:
            runs-on: ubuntu-latest
            steps:
              - run: |
                  echo "${{ github.event.issue.title }}"
                  echo "${{ github.event.issue.body }}"

        """;

    private static TempProject BrokenAndShell() => new TempProject().With("pkg/bad.py", Broken).With("app.py", Shell);

    private static CliResult Audit(TempProject project, params string[] extra) =>
        new CliRunner().Run(["audit", project.Root, "--db", TestPaths.AdvisoryDatabase, .. extra]);

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    [Fact]
    public void Terminal_reports_the_error_and_the_finding_and_exits_1()
    {
        using var project = BrokenAndShell();
        var result = Audit(project);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("  5:12: high PY602 subprocess-shell-true", result.Output, StringComparison.Ordinal);
        // the notes: the project's, and that the advisory snapshot (October 2024) is more than 30 days old
        Assert.EndsWith("1 finding: 1 high; 1 error; 2 notes\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("errors:\n  pkg/bad.py:1:12: error: SyntaxError: invalid syntax\n", result.Output, StringComparison.Ordinal);
        // said once: the terminal report lists it, so standard error does not repeat it
        Assert.DoesNotContain("SyntaxError", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_reports_the_error_and_the_finding_and_exits_1()
    {
        using var project = BrokenAndShell();
        var result = Audit(project, "--format", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        var json = Json(result.Output);
        var error = Assert.Single(json.GetProperty("errors").EnumerateArray());
        Assert.Equal("pkg/bad.py", error.GetProperty("location").GetProperty("path").GetString());
        Assert.Equal(1, error.GetProperty("location").GetProperty("startLine").GetInt32());
        Assert.Equal(12, error.GetProperty("location").GetProperty("startColumn").GetInt32());
        Assert.Equal("SyntaxError: invalid syntax", error.GetProperty("message").GetString());
        Assert.Equal(1, json.GetProperty("summary").GetProperty("errors").GetInt32());
        var findings = json.GetProperty("findings").EnumerateArray().Select(f => (f.GetProperty("ruleId").GetString(), f.GetProperty("location").GetProperty("path").GetString())).ToList();
        Assert.Equal([("PY602", "app.py")], findings);
    }

    [Fact]
    public void Sarif_reports_the_error_as_a_located_notification_of_a_run_that_went_on()
    {
        using var project = BrokenAndShell();
        var result = Audit(project, "--format", "sarif");

        Assert.True(result.ExitCode == 1, result.ToString());
        var run = Json(result.Output).GetProperty("runs")[0];
        Assert.Equal(["PY602"], run.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("ruleId").GetString()));
        var invocation = run.GetProperty("invocations")[0];
        // the file that does not parse is an error notification; the run audited the rest: a successful execution
        Assert.True(invocation.GetProperty("executionSuccessful").GetBoolean());
        var errors = invocation.GetProperty("toolExecutionNotifications").EnumerateArray().Where(n => n.GetProperty("level").GetString() == "error").ToList();
        var notification = Assert.Single(errors);
        Assert.Equal("pkg/bad.py:1:12: SyntaxError: invalid syntax", notification.GetProperty("message").GetProperty("text").GetString());
        var location = notification.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("pkg/bad.py", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(1, location.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(12, location.GetProperty("region").GetProperty("startColumn").GetInt32());
    }

    [Fact]
    public void Markdown_reports_the_error_and_the_finding_and_exits_1()
    {
        using var project = BrokenAndShell();
        var result = Audit(project, "--format", "markdown");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("1 input error", result.Output, StringComparison.Ordinal);
        Assert.Contains("### Errors\n\n- `pkg/bad.py:1:12` SyntaxError: invalid syntax\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("`PY602`", result.Output, StringComparison.Ordinal);
        Assert.Contains("`app.py:5:12`", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bandit_json_reports_the_error_and_the_finding_and_exits_1()
    {
        using var project = BrokenAndShell();
        var result = Audit(project, "--format", "bandit-json");

        Assert.True(result.ExitCode == 1, result.ToString());
        var json = Json(result.Output);
        var error = Assert.Single(json.GetProperty("errors").EnumerateArray());
        Assert.Equal("pkg/bad.py", error.GetProperty("filename").GetString());
        Assert.Equal("line 1, column 12: SyntaxError: invalid syntax", error.GetProperty("reason").GetString());
        var findings = json.GetProperty("results").EnumerateArray().Select(f => (f.GetProperty("test_id").GetString(), f.GetProperty("filename").GetString())).ToList();
        Assert.Equal([("B602", "app.py")], findings);

        // Bandit's answers: the import is reported too, and the error still is.
        var bandit = Json(Audit(project, "--format", "bandit-json", "--compat", "bandit").Output);
        Assert.Single(bandit.GetProperty("errors").EnumerateArray());
        Assert.Equal([("B404", "app.py"), ("B602", "app.py")], bandit.GetProperty("results").EnumerateArray().Select(f => (f.GetProperty("test_id").GetString(), f.GetProperty("filename").GetString())));
    }

    [Fact]
    public void Strict_turns_the_input_error_into_exit_2_and_still_writes_the_report()
    {
        using var project = BrokenAndShell();
        var result = Audit(project, "--format", "json", "--strict");

        Assert.True(result.ExitCode == 2, result.ToString());
        var json = Json(result.Output);
        Assert.Single(json.GetProperty("errors").EnumerateArray());
        Assert.Equal(1, json.GetProperty("findings").GetArrayLength());
        Assert.Contains("error: pkg/bad.py:1:12:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_findings_a_syntax_error_exits_0_and_is_still_reported()
    {
        using var project = new TempProject().With("pkg/bad.py", Broken).With("app.py", "print('hello')\n");
        var result = Audit(project, "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = Json(result.Output);
        Assert.Empty(json.GetProperty("findings").EnumerateArray());
        Assert.Equal("pkg/bad.py", Assert.Single(json.GetProperty("errors").EnumerateArray()).GetProperty("location").GetProperty("path").GetString());
        Assert.Contains("error: pkg/bad.py:1:12: SyntaxError: invalid syntax", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_include_is_reported_and_the_other_requirements_decide_the_exit_code()
    {
        using var project = new TempProject().With("requirements.txt", "-r missing.txt\njinja2==2.11.2\n");
        var result = Audit(project, "--format", "json", "--only", "deps");

        Assert.True(result.ExitCode == 1, result.ToString());
        var json = Json(result.Output);
        var error = Assert.Single(json.GetProperty("errors").EnumerateArray());
        Assert.Equal("requirements.txt", error.GetProperty("location").GetProperty("path").GetString());
        Assert.Equal(1, error.GetProperty("location").GetProperty("startLine").GetInt32());
        Assert.Contains(json.GetProperty("findings").EnumerateArray(), f => f.GetProperty("properties").GetProperty("package").GetString() == "jinja2");
        Assert.Equal(2, Audit(project, "--format", "json", "--only", "deps", "--strict").ExitCode);
    }

    /// <summary>A path the command line names that does not exist is a bad argument: a typo must not pass as "no findings".</summary>
    [Theory]
    [InlineData("--requirements", "deps")]
    [InlineData("--lockfile", "deps")]
    [InlineData("--env", "deps")]
    [InlineData("--pins", "workflows")]
    [InlineData("--action-data", "workflows")]
    [InlineData("--bandit-config", "code")]
    public void A_named_input_that_does_not_exist_stops_the_run(string option, string area)
    {
        using var project = new TempProject().With("app.py", Shell);
        var result = new CliRunner { CurrentDirectory = project.Root }.Run("audit", ".", "--db", TestPaths.AdvisoryDatabase, "--only", area, option, "misspelt.txt");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("", result.Output);
        Assert.Equal($"kingsnake: {option}: no such file or directory: misspelt.txt\n", result.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_named_input_that_exists_but_does_not_parse_is_an_input_error()
    {
        using var project = new TempProject().With("locks/poetry.lock", "[[package]]\nname = \"jinja2\"\nversion = \"2.11.2\n");
        var result = new CliRunner { CurrentDirectory = project.Root }.Run("audit", "--db", TestPaths.AdvisoryDatabase, "--format", "json", "--lockfile", "locks/poetry.lock");

        Assert.True(result.ExitCode == 0, result.ToString());
        var error = Assert.Single(Json(result.Output).GetProperty("errors").EnumerateArray());
        Assert.Equal("locks/poetry.lock", error.GetProperty("location").GetProperty("path").GetString());
        Assert.Equal(3, error.GetProperty("location").GetProperty("startLine").GetInt32());
    }

    [Fact]
    public void Fix_applies_the_fixes_reports_the_error_and_exits_by_what_is_left()
    {
        using var project = new TempProject().With(".github/workflows/greet.yml", Greet).With("pkg/bad.py", Broken);
        var result = new CliRunner().Run("fix", project.Root);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Applied 2 fixes in 1 file (2 passes).", result.Output, StringComparison.Ordinal);
        Assert.Contains("No findings left.", result.Output, StringComparison.Ordinal);
        Assert.Contains("error: pkg/bad.py:1:12: SyntaxError: invalid syntax", result.Error, StringComparison.Ordinal);
        Assert.Contains("echo \"${ISSUE_TITLE}\"", File.ReadAllText(project.PathOf(".github/workflows/greet.yml")), StringComparison.Ordinal);

        // a finding without a fix is left, and decides
        project.With("app.py", Shell);
        var left = new CliRunner().Run("fix", project.Root);
        Assert.True(left.ExitCode == 1, left.ToString());
        Assert.Contains("No automatic fix for: PY602 subprocess-shell-true (1).", left.Output, StringComparison.Ordinal);
        Assert.Contains("error: pkg/bad.py:1:12:", left.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Fix_with_strict_exits_2_on_the_error_after_applying_the_fixes()
    {
        using var project = new TempProject().With(".github/workflows/greet.yml", Greet).With("pkg/bad.py", Broken);
        var result = new CliRunner().Run("fix", project.Root, "--strict");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Applied 2 fixes in 1 file (2 passes).", result.Output, StringComparison.Ordinal);
        Assert.Contains("error: pkg/bad.py:1:12: SyntaxError: invalid syntax", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Fix_diff_exits_by_what_there_is_to_fix_and_reports_the_error()
    {
        using var project = new TempProject().With(".github/workflows/greet.yml", Greet).With("pkg/bad.py", Broken);
        var result = new CliRunner().Run("fix", project.Root, "--diff");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("+++ b/.github/workflows/greet.yml", result.Output, StringComparison.Ordinal);
        Assert.Contains("error: pkg/bad.py:1:12: SyntaxError: invalid syntax", result.Error, StringComparison.Ordinal);
        Assert.Equal(Greet, File.ReadAllText(project.PathOf(".github/workflows/greet.yml")));
        Assert.Equal(2, new CliRunner().Run("fix", project.Root, "--diff", "--strict").ExitCode);

        // nothing to fix: 0, error or not
        File.Delete(project.PathOf(".github/workflows/greet.yml"));
        var clean = new CliRunner().Run("fix", project.Root, "--diff");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.Contains("error: pkg/bad.py:1:12:", clean.Error, StringComparison.Ordinal);
    }
}
