using System.Text.Json;

namespace Kingsnake.Cli.Tests;

/// <summary>How the audit finds or is told its inputs: discovery, explicit files, scripts, ignores, transitive chains.</summary>
public sealed class InputSelectionTests
{
    private static readonly CliRunner Runner = new();

    private static List<JsonElement> Findings(params string[] args)
    {
        var result = Runner.Run(["audit", "--db", TestPaths.AdvisoryDatabase, "--format", "json", .. args]);
        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        using var document = JsonDocument.Parse(result.Output);
        return [.. document.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.Clone())];
    }

    private static string PathOf(JsonElement finding) => finding.GetProperty("location").GetProperty("path").GetString()!;

    [Fact]
    public void Requirements_option_reads_a_file_of_any_name()
    {
        using var project = new TempProject().With("deps/prod.pip", "jinja2==2.11.2\n");
        var runner = new CliRunner { CurrentDirectory = project.Root };
        var result = runner.Run("audit", "--db", TestPaths.AdvisoryDatabase, "--format", "json", "--requirements", "deps/prod.pip");
        Assert.Equal(1, result.ExitCode);
        using var document = JsonDocument.Parse(result.Output);
        var findings = document.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Equal("deps/prod.pip", PathOf(f)));
    }

    [Fact]
    public void Lockfile_option_reads_a_pipfile_lock()
    {
        using var project = new TempProject().With("Pipfile.lock", """
            {"_meta": {"hash": {"sha256": "0"}, "pipfile-spec": 6, "requires": {}, "sources": []},
             "default": {"jinja2": {"hashes": [], "version": "==2.11.2"}},
             "develop": {}}
            """);
        var findings = Findings("--lockfile", project.PathOf("Pipfile.lock"));
        Assert.Contains(findings, f => f.GetProperty("properties").GetProperty("package").GetString() == "jinja2");
    }

    [Fact]
    public void Inline_script_metadata_is_audited_at_its_line()
    {
        using var project = new TempProject().With("tools/fetch.py", """
            #!/usr/bin/env python3
            # /// script
            # requires-python = ">=3.11"
            # dependencies = [
            #   "urllib3==1.26.4",
            # ]
            # ///
            import urllib3
            """);
        var findings = Findings(project.Root);
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Equal("tools/fetch.py", PathOf(f)));
        Assert.All(findings, f => Assert.Equal(5, f.GetProperty("location").GetProperty("startLine").GetInt32()));
    }

    [Fact]
    public void Gitignored_and_excluded_files_are_not_audited()
    {
        using var project = new TempProject()
            .With(".gitignore", "build/\n")
            .With("build/requirements.txt", "jinja2==2.11.2\n")
            .With("vendor/requirements.txt", "jinja2==2.11.2\n")
            .With("requirements.txt", "urllib3==1.26.4\n")
            .With("kingsnake.toml", "exclude = [\"vendor/\"]\n");
        var paths = Findings(project.Root).Select(PathOf).Distinct().ToList();
        Assert.Equal(["requirements.txt"], paths);
    }

    [Fact]
    public void Transitive_finding_names_the_direct_dependency_that_brings_it_in()
    {
        using var project = new TempProject().With("uv.lock", """
            version = 1
            requires-python = ">=3.9"

            [[package]]
            name = "app"
            version = "0.1.0"
            source = { editable = "." }
            dependencies = [{ name = "flask" }]

            [[package]]
            name = "flask"
            version = "1.1.4"
            source = { registry = "https://pypi.org/simple" }
            dependencies = [{ name = "jinja2" }]

            [[package]]
            name = "jinja2"
            version = "2.11.2"
            source = { registry = "https://pypi.org/simple" }
            """);
        var jinja = Findings(project.Root).First(f => f.GetProperty("properties").GetProperty("package").GetString() == "jinja2");
        var chain = jinja.GetProperty("properties").GetProperty("introduced-by").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["flask", "jinja2"], chain);
        Assert.Contains("flask", jinja.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Osv_zip_export_works_as_the_database()
    {
        var zip = Path.Combine(Directory.CreateTempSubdirectory("kingsnake-zip-").FullName, "all.zip");
        using (var archive = System.IO.Compression.ZipFile.Open(zip, System.IO.Compression.ZipArchiveMode.Create))
        {
            using var entry = new StreamWriter(archive.CreateEntry("DEMO-1.json").Open());
            entry.Write("""{"id": "DEMO-1", "modified": "2026-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "PyPI", "name": "zipdemo"}, "versions": ["1.0"]}]}""");
        }

        using var project = new TempProject().With("requirements.txt", "zipdemo==1.0\nzipdemo-other==1.0\n");
        var result = Runner.Run("audit", project.Root, "--db", zip, "--format", "json");
        Assert.Equal(1, result.ExitCode);
        using var document = JsonDocument.Parse(result.Output);
        var finding = Assert.Single(document.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("zipdemo", finding.GetProperty("properties").GetProperty("package").GetString());
    }
}
