using System.Text.Json;

namespace Kingsnake.Cli.Tests;

/// <summary>
/// The Python versions a project declares it supports decide its dependency markers when no version is given. The
/// requirement used is the shape of a real backport pin: pillow 9.5.0 was the last release for Python 3.7, and the
/// PyPA database records PYSEC-2023-175 (libwebp, fixed in 10.0.1) and PYSEC-2023-227 (CVE-2023-44271) against it.
/// </summary>
public sealed class SupportedPythonTests
{
    private const string BackportPin = "pillow==9.5.0; python_version < \"3.8\"";

    private static CliResult Audit(TempProject project, params string[] extra) =>
        new CliRunner().Run(["audit", project.Root, "--db", TestPaths.AdvisoryDatabase, "--format", "json", "--only", "deps", .. extra]);

    private static JsonElement Json(CliResult result)
    {
        using var document = JsonDocument.Parse(result.Output);
        return document.RootElement.Clone();
    }

    private static List<string> Packages(CliResult result) =>
        [.. Json(result).GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("package").GetString()!).Distinct()];

    private static string PyProject(string? requiresPython, params string[] dependencies) =>
        "[project]\nname = \"demo\"\nversion = \"1.0\"\n"
        + (requiresPython is null ? "" : $"requires-python = \"{requiresPython}\"\n")
        + "dependencies = [\n" + string.Concat(dependencies.Select(d => $"  '{d}',\n")) + "]\n";

    [Fact]
    public void A_requirement_for_pythons_older_than_the_project_supports_is_moot()
    {
        using var project = new TempProject().With("pyproject.toml", PyProject(">=3.12", BackportPin, "jinja2==2.11.2"));
        var result = Audit(project);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(["jinja2"], Packages(result)); // the pillow pin is never installed on 3.12+, jinja2's is
        Assert.Contains(Json(result).GetProperty("inventory").EnumerateArray(), c => c.GetProperty("name").GetString() == "pillow");
    }

    [Fact]
    public void The_same_requirement_is_reported_when_no_range_is_declared_or_the_range_reaches_it()
    {
        using var undeclared = new TempProject().With("pyproject.toml", PyProject(null, BackportPin));
        var result = Audit(undeclared);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(["pillow"], Packages(result));

        using var reaching = new TempProject().With("pyproject.toml", PyProject(">=3.7", BackportPin));
        Assert.Equal(["pillow"], Packages(Audit(reaching)));
    }

    [Fact]
    public void An_explicit_python_version_wins_over_the_declared_range()
    {
        using var project = new TempProject().With("pyproject.toml", PyProject(">=3.12", BackportPin));
        Assert.Equal(["pillow"], Packages(Audit(project, "--python-version", "3.7")));
        Assert.Empty(Packages(Audit(project, "--python-version", "3.13")));
    }

    [Fact]
    public void Setup_cfg_declares_the_range_of_a_setuptools_project_for_its_requirements_files()
    {
        using var project = new TempProject()
            .With("setup.cfg", "[metadata]\nname = demo\n\n[options]\npython_requires = >=3.12\n")
            .With("requirements.txt", $"{BackportPin}\nurllib3==1.26.4\n");
        var result = Audit(project);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(["urllib3"], Packages(result));
    }

    [Fact]
    public void A_script_is_judged_by_its_own_requires_python()
    {
        // the project supports 3.7, the script only 3.12+: the script's pin is moot, the project's own is not
        var script = $"""
            # /// script
            # requires-python = ">=3.12"
            # dependencies = [
            #   '{BackportPin}',
            # ]
            # ///
            print("hello")
            """;
        using var project = new TempProject()
            .With("pyproject.toml", PyProject(">=3.7", BackportPin))
            .With("tools/report.py", script);
        var result = Audit(project);

        var paths = Json(result).GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("location").GetProperty("path").GetString()).Distinct();
        Assert.Equal(["pyproject.toml"], paths);

        // and the other way round
        project.With("pyproject.toml", PyProject(">=3.12", BackportPin)).With("tools/report.py", script.Replace(">=3.12", ">=3.7", StringComparison.Ordinal));
        var swapped = Json(Audit(project)).GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("location").GetProperty("path").GetString()).Distinct();
        Assert.Equal(["tools/report.py"], swapped);
    }

    [Fact]
    public void An_invalid_requires_python_is_an_input_error_and_the_range_is_unknown()
    {
        using var project = new TempProject().With("pyproject.toml", PyProject(">=banana", BackportPin));
        var result = Audit(project);

        Assert.True(result.ExitCode == 1, result.ToString()); // not 2: the pillow pin is audited as for an unknown range
        Assert.Equal(["pillow"], Packages(result));
        var error = Assert.Single(Json(result).GetProperty("errors").EnumerateArray()); // read by the setup and the dependency reader, reported once
        Assert.Equal("pyproject.toml", error.GetProperty("location").GetProperty("path").GetString());
        Assert.Equal(4, error.GetProperty("location").GetProperty("startLine").GetInt32());
        Assert.Equal(19, error.GetProperty("location").GetProperty("startColumn").GetInt32());
        Assert.Contains("requires-python \">=banana\" is not a PEP 440 version specifier", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("error: pyproject.toml:4:19:", result.Error, StringComparison.Ordinal);

        // the code audit alone still reports it: the range is read for every area
        var code = new CliRunner().Run("audit", project.Root, "--only", "code", "--format", "json");
        Assert.True(code.ExitCode == 0, code.ToString());
        Assert.Single(Json(code).GetProperty("errors").EnumerateArray());
    }
}
