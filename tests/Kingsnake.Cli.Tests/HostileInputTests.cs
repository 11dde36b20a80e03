using System.Text.Json;

namespace Kingsnake.Cli.Tests;

/// <summary>
/// Hostile or mistaken input in configuration, parsers and output writing, end to end. A per-file problem in a scanned
/// file is an error naming the file and line while the other areas' findings stay and the exit code follows them; a bad
/// option or a broken configuration of the user's own is exit 2 with one line on stderr and no stack trace.
/// </summary>
public sealed class HostileInputTests
{
    /// <summary>A shell command built from an argument: PY602 at line 5 (and PY404 for the import).</summary>
    private const string Shell = """
        import subprocess


        def run(cmd):
            return subprocess.call(cmd, shell=True)

        """;

    /// <summary>A workflow whose checkout keeps its credentials (GHA004) and is pinned to a tag (GHA005).</summary>
    private const string Workflow = """
        on: push
        permissions:
          contents: read
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - run: pytest

        """;

    private static TempProject Project() => new TempProject()
        .With("app.py", Shell)
        .With(".github/workflows/ci.yml", Workflow)
        .With("requirements.txt", "jinja2==2.11.2\n");

    private static CliResult Audit(TempProject project, params string[] extra) =>
        new CliRunner().Run(["audit", project.Root, "--db", TestPaths.AdvisoryDatabase, .. extra]);

    private static (List<string> Rules, List<(string Path, int Line, string Message)> Errors) Json(CliResult result)
    {
        using var document = JsonDocument.Parse(result.Output);
        var root = document.RootElement;
        var rules = root.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()!).Distinct().Order(StringComparer.Ordinal).ToList();
        var errors = root.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("location").GetProperty("path").GetString()!, e.GetProperty("location").GetProperty("startLine").GetInt32(), e.GetProperty("message").GetString()!))
            .ToList();
        return (rules, errors);
    }

    /// <summary>Every area reported: the dependency, the workflow and the code finding.</summary>
    private static void AssertEveryAreaReported(List<string> rules)
    {
        Assert.Contains("DEP001", rules);
        Assert.Contains("GHA004", rules);
        Assert.Contains("PY602", rules);
    }

    /// <summary>A usage or configuration error: exit 2, one line on stderr that says <paramref name="expected"/>, no stack trace, no report.</summary>
    private static void AssertOneLineError(CliResult result, params string[] expected)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("kingsnake: ", line, StringComparison.Ordinal);
        foreach (var text in expected)
        {
            Assert.Contains(text, line, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Deeply_nested_pyproject_is_an_error_for_that_file_and_every_area_still_reports()
    {
        using var project = Project().With("pyproject.toml", "[project]\nname = \"demo\"\nversion = \"1.0\"\n\n[tool.generated]\nv = " + new string('[', 100_000) + new string(']', 100_000) + "\n");
        var result = Audit(project, "--format", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        var (rules, errors) = Json(result);
        AssertEveryAreaReported(rules);
        Assert.Contains(errors, e => e.Path == "pyproject.toml" && e.Line == 6 && e.Message.Contains("nested deeper than 128", StringComparison.Ordinal));
    }

    [Fact]
    public void Deeply_nested_bandit_yaml_is_an_error_for_that_file_and_every_area_still_reports()
    {
        using var project = Project().With("bandit.yaml", "skips:\n  " + new string('[', 100_000) + "\n");
        var result = Audit(project, "--format", "json", "--bandit-config", project.PathOf("bandit.yaml"));

        Assert.True(result.ExitCode == 1, result.ToString());
        var (rules, errors) = Json(result);
        AssertEveryAreaReported(rules);
        var error = Assert.Single(errors);
        Assert.Equal(("bandit.yaml", 2), (error.Path, error.Line));
        Assert.Contains("nested deeper than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_bandit_test_id_is_an_error_at_its_line_never_a_silent_no_findings()
    {
        using var project = Project().With(".bandit", "[bandit]\ntests = B6O2\n");
        var result = Audit(project, "--format", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        var (rules, errors) = Json(result);
        AssertEveryAreaReported(rules);
        var error = Assert.Single(errors);
        Assert.Equal((".bandit", 2), (error.Path, error.Line));
        Assert.Contains("'B6O2' in 'tests' is not a Bandit test id", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[tool.kingsnake.per-file-ignores]\n\"tests/**\" = [\"PY101\"]\n\"app[.py\" = [\"PY602\"]\n", "pyproject.toml:7:", "never closed")]
    [InlineData("[tool.kingsnake]\nexclude = [\"vendor/\", \"src/[a\"]\n", "pyproject.toml:6:", "never closed")]
    [InlineData("[tool.kingsnake]\nselect = [\"PY\", \"NOPE999\"]\n", "pyproject.toml:6:", "'NOPE999' in 'select' names no rule")]
    [InlineData("[tool.kingsnake]\nignore = [\"DEP002\"]\n\n[tool.kingsnake.per-file-ignores]\n\"tests/**\" = [\"assert-usd\"]\n", "pyproject.toml:9:", "'assert-usd' in 'per-file-ignores.\"tests/**\"' names no rule")]
    [InlineData("[tool.kingsnake.severity]\nPY6O2 = \"low\"\n", "pyproject.toml:6:", "'PY6O2' in 'severity' names no rule")]
    [InlineData("[tool.kingsnake.target]\npython-version = \"banana\"\n", "pyproject.toml:6:", "must be a Python release")]
    public void Configuration_mistakes_are_one_line_naming_file_and_line(string settings, string location, string message)
    {
        using var project = Project().With("pyproject.toml", "[project]\nname = \"demo\"\nversion = \"1.0\"\n\n" + settings);
        AssertOneLineError(Audit(project), location, message);
    }

    [Fact]
    public void Rule_names_of_every_area_are_accepted()
    {
        using var project = Project().With("kingsnake.toml", "ignore = [\"B404\", \"artipacked\", \"unpinned-uses\"]\nselect = [\"DEP\", \"workflows\", \"S602\"]\n\n[severity]\nDEP001 = \"info\"\n");
        var result = Audit(project, "--format", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(["DEP001", "PY602"], Json(result).Rules);
    }

    [Fact]
    public void Python_version_option_that_is_no_release_is_a_usage_error()
    {
        using var project = Project();
        AssertOneLineError(Audit(project, "--python-version", "banana"), "--python-version", "'banana'");
    }

    [Fact]
    public void Output_to_a_full_device_is_one_line_and_exit_2()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "needs /dev/full");
        using var project = Project();
        AssertOneLineError(Audit(project, "--only", "code", "--output", "/dev/full"), "--output: cannot write /dev/full");
    }

    [Fact]
    public void Baseline_under_a_file_is_one_line_and_exit_2_and_a_missing_directory_is_created()
    {
        using var project = Project();
        AssertOneLineError(Audit(project, "--only", "code", "--write-baseline", project.PathOf("app.py/baseline.json")), "--write-baseline: cannot write", "app.py/baseline.json");

        var baseline = project.PathOf("ci/baselines/kingsnake.json");
        var result = Audit(project, "--only", "code", "--write-baseline", baseline);
        Assert.True(result.ExitCode == 1, result.ToString());
        using var document = JsonDocument.Parse(File.ReadAllBytes(baseline));
        Assert.Equal(1, document.RootElement.GetProperty("fingerprints").GetArrayLength()); // PY602 (the bare import is Bandit mode's)
        Assert.Equal(["kingsnake.json"], Directory.GetFiles(Path.GetDirectoryName(baseline)!).Select(Path.GetFileName));
    }
}
