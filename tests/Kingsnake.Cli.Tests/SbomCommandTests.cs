using System.Diagnostics;
using System.Text.Json;
using Kingsnake.Reporting.Tests.Sbom;

namespace Kingsnake.Cli.Tests;

public sealed class SbomCommandTests
{
    private static string WheelFile =>
        Directory.GetDirectories("/root/.pyenv/versions", "3.13*").Select(v => Path.Combine(v, "lib", "python3.13", "test", "wheeldata", "wheel-0.43.0-py3-none-any.whl")).First(File.Exists);

    [Fact]
    public void Env_of_python_3_11_lists_every_distribution_and_validates()
    {
        var result = new CliRunner().Run("sbom", "--env", TestPaths.Python311SitePackages);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Error);
        SbomSchemas.AssertValidCycloneDx(result.Output);
        using var document = JsonDocument.Parse(result.Output);
        var listed = Directory.GetDirectories(TestPaths.Python311SitePackages, "*.dist-info")
            .Select(d => Path.GetFileName(d)[..^".dist-info".Length]).Select(n => n[(n.LastIndexOf('-') + 1)..]).Order().ToList();
        var components = document.RootElement.GetProperty("components").EnumerateArray().ToList();
        Assert.Equal(listed.Count, components.Count);
        Assert.Equal(listed, components.Select(c => c.GetProperty("version").GetString()!).Order());
        Assert.All(components, c => Assert.Equal(64, c.GetProperty("hashes")[0].GetProperty("content").GetString()!.Length));
        // every distribution has a license: a declared expression, a classifier or license text matched, or its own words
        Assert.All(components, c => Assert.True(c.TryGetProperty("licenses", out var licenses) && licenses.GetArrayLength() > 0, c.GetProperty("name").GetString()));
        Assert.Equal("1.6", document.RootElement.GetProperty("specVersion").GetString());
        Assert.Equal("operations", document.RootElement.GetProperty("metadata").GetProperty("lifecycles")[0].GetProperty("phase").GetString());
    }

    [Fact]
    public void With_vulnerabilities_adds_the_audit_and_the_accepted_advisories_vex_state()
    {
        using var project = new TempProject()
            .With("pyproject.toml", "[project]\nname = \"demo\"\nversion = \"1\"\n\n[tool.kingsnake]\nignore-vulnerabilities = [{ id = \"PYSEC-2021-66\", reason = \"templates are our own\" }]\n")
            .With("requirements.txt", "jinja2==2.11.2\nmarkupsafe==2.1.5\nurllib3==1.26.16\n");
        var result = new CliRunner().Run("sbom", project.Root, "--with-vulnerabilities", "--db", TestPaths.AdvisoryDatabase, "--spec-version", "1.7");
        Assert.True(result.ExitCode == 0, result.ToString());
        SbomSchemas.AssertValidCycloneDx(result.Output);
        Assert.Equal("1.7", JsonDocument.Parse(result.Output).RootElement.GetProperty("specVersion").GetString());
        using var document = JsonDocument.Parse(result.Output);
        var vulnerabilities = document.RootElement.GetProperty("vulnerabilities").EnumerateArray().ToDictionary(v => v.GetProperty("id").GetString()!);
        var accepted = vulnerabilities["PYSEC-2021-66"];
        Assert.Equal("pkg:pypi/jinja2@2.11.2", accepted.GetProperty("affects")[0].GetProperty("ref").GetString());
        Assert.Equal("exploitable", accepted.GetProperty("analysis").GetProperty("state").GetString());
        Assert.Equal("will_not_fix", accepted.GetProperty("analysis").GetProperty("response")[0].GetString());
        Assert.Contains("templates are our own", accepted.GetProperty("analysis").GetProperty("detail").GetString(), StringComparison.Ordinal);
        var open = vulnerabilities["PYSEC-2023-192"];
        Assert.False(open.TryGetProperty("analysis", out _));
        Assert.Equal("pkg:pypi/urllib3@1.26.16", open.GetProperty("affects")[0].GetProperty("ref").GetString());
        Assert.DoesNotContain(vulnerabilities.Values, v => v.GetProperty("affects")[0].GetProperty("ref").GetString()!.Contains("markupsafe", StringComparison.Ordinal));

        Assert.Equal(2, new CliRunner().Run("sbom", project.Root, "--with-vulnerabilities", "--format", "spdx").ExitCode);
    }

    [Fact]
    public void Project_as_spdx_to_a_file()
    {
        using var scratch = new TempProject();
        var target = scratch.PathOf("out/shop.spdx.json");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var result = new CliRunner().Run("sbom", Path.Combine(TestPaths.RepoRoot, "tests", "Kingsnake.Cli.Tests", "Data", "uv-app"), "--format", "spdx", "-o", target);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Output);
        var json = File.ReadAllText(target);
        SbomSchemas.AssertValidSpdx(json);
        using var document = JsonDocument.Parse(json);
        Assert.Equal("shop-1.4.0", document.RootElement.GetProperty("name").GetString());
        var names = document.RootElement.GetProperty("packages").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("django", names);
        Assert.Contains("pytest", names);
        Assert.Contains(document.RootElement.GetProperty("relationships").EnumerateArray(), r => r.GetProperty("relationshipType").GetString() == "DEV_DEPENDENCY_OF");
    }

    [Fact]
    public void Wheel_as_cyclonedx_1_7()
    {
        var result = new CliRunner().Run("sbom", WheelFile, "--spec-version", "1.7");
        Assert.True(result.ExitCode == 0, result.ToString());
        SbomSchemas.AssertValidCycloneDx(result.Output);
        using var document = JsonDocument.Parse(result.Output);
        Assert.Equal("1.7", document.RootElement.GetProperty("specVersion").GetString());
        Assert.Equal("pkg:pypi/wheel@0.43.0?file_name=wheel-0.43.0-py3-none-any.whl", document.RootElement.GetProperty("metadata").GetProperty("component").GetProperty("purl").GetString());
    }

    [Fact]
    public void Missing_paths_and_bad_arguments_exit_2()
    {
        var runner = new CliRunner();
        Assert.Equal(2, runner.Run("sbom", "/nonexistent/project").ExitCode);
        Assert.Equal(2, runner.Run("sbom", "--env", "/nonexistent/venv").ExitCode);
        Assert.Equal(2, runner.Run("sbom", "--format", "spdx", "--spec-version", "1.7").ExitCode);
        Assert.Equal(2, runner.Run("sbom", "--spec-version", "1.5").ExitCode);
        using var scratch = new TempProject();
        scratch.With("broken-1.0-py3-none-any.whl", "not a zip");
        var broken = runner.Run("sbom", scratch.PathOf("broken-1.0-py3-none-any.whl"));
        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("broken-1.0-py3-none-any.whl", broken.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_input_file_is_reported_and_the_sbom_still_written()
    {
        using var project = new TempProject();
        project.With("requirements.txt", "requests==2.31.0\n")
            .With("requirements-dev.txt", "pytest==8.0.0\n--no-such-option\n");
        var result = new CliRunner().Run("sbom", project.Root);
        Assert.True(result.ExitCode == 0, result.ToString());
        SbomSchemas.AssertValidCycloneDx(result.Output);
        Assert.Contains("requirements-dev.txt", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Reproducible_output_is_byte_for_byte_stable_and_dated_by_the_head_commit()
    {
        using var project = new TempProject();
        project.With("requirements.txt", "requests==2.31.0\n");
        Git(project.Root, "init", "-q");
        Git(project.Root, "add", "-A");
        Git(project.Root, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q", "-m", "init");
        var runner = new CliRunner();
        var first = runner.Run("sbom", project.Root, "--reproducible");
        var second = runner.Run("sbom", project.Root, "--reproducible");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(first.Output, second.Output);
        SbomSchemas.AssertValidCycloneDx(first.Output);
        using var document = JsonDocument.Parse(first.Output);
        Assert.Equal("2021-02-03T04:05:06Z", document.RootElement.GetProperty("metadata").GetProperty("timestamp").GetString());
        Assert.NotEqual("urn:uuid:00000000-0000-0000-0000-000000000000", document.RootElement.GetProperty("serialNumber").GetString());

        var fresh = runner.Run("sbom", project.Root);
        Assert.NotEqual(first.Output, fresh.Output);

        var environment = runner.Run("sbom", "--env", TestPaths.Python311SitePackages, "--reproducible", "--format", "spdx");
        SbomSchemas.AssertValidSpdx(environment.Output);
        Assert.Contains("\"created\": \"1970-01-01T00:00:00Z\"", environment.Output, StringComparison.Ordinal);
    }

    private static void Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_COMMITTER_DATE"] = "2021-02-03T04:05:06Z";
        start.Environment["GIT_AUTHOR_DATE"] = "2021-02-03T04:05:06Z";
        using var process = Process.Start(start)!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
