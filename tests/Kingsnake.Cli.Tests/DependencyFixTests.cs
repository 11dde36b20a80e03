using System.Text.Json;

namespace Kingsnake.Cli.Tests;

/// <summary>
/// The dependency audit and <c>kingsnake fix</c> end to end, on two projects modelled on real layouts, against the real
/// PyPA database (October 2024):
/// <list type="bullet">
/// <item><c>Data/pip-compiled</c>: <c>requirements/main.in</c> compiled by pip-compile with <c>--generate-hashes</c>,
/// and <c>requirements/dev.in</c> compiled by <c>uv pip compile</c> without hashes (headers as the tools write them);</item>
/// <item><c>Data/uv-app</c>: a <c>pyproject.toml</c> locked by <c>uv.lock</c> (django 1.11.29, sqlparse 0.4.1), and a
/// plain <c>requirements-docs.txt</c> for the documentation build (jinja2 2.11.2, urllib3 1.26.4).</item>
/// </list>
/// Advice checked against the records with pip's packaging: django → 2.2.28, jinja2 → 2.11.3, urllib3 → 1.26.18,
/// sqlparse → 0.4.4, black → 24.3.0.
/// </summary>
public sealed class DependencyFixTests
{
    private static CliResult Run(CliRunner runner, params string[] args) => runner.Run([.. args, "--db", TestPaths.AdvisoryDatabase]);

    private static List<JsonElement> Findings(CliResult result)
    {
        using var document = JsonDocument.Parse(result.Output);
        return [.. document.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.Clone())];
    }

    private static string Property(JsonElement finding, string name) =>
        finding.GetProperty("properties").TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";

    [Fact]
    public void Django_1_11_is_advised_a_release_the_same_audit_reports_clean()
    {
        using var vulnerable = new TempProject().With("requirements.txt", "django==1.11\n");
        var finding = Assert.Single(Findings(Run(new CliRunner(), "audit", vulnerable.Root, "--format", "json")));
        Assert.Equal("2.2.28", Property(finding, "fixed-in"));
        Assert.Equal(16, finding.GetProperty("properties").GetProperty("vulnerabilities").GetArrayLength());
        Assert.Contains("Upgrade to 2.2.28 or later", finding.GetProperty("message").GetString(), StringComparison.Ordinal);

        using var upgraded = new TempProject().With("requirements.txt", "django==2.2.28\n");
        var clean = Run(new CliRunner(), "audit", upgraded.Root, "--format", "json");
        Assert.Equal(0, clean.ExitCode);
        Assert.Empty(Findings(clean));
    }

    [Fact]
    public void Compiled_requirements_make_their_inputs_ranges_moot_and_get_one_finding_per_package()
    {
        using var project = Copy("pip-compiled");
        var findings = Findings(Run(new CliRunner(), "audit", project.Root, "--format", "json"));

        // main.in and dev.in only name ranges; main.txt and dev.txt pin every package of them: no DEP002
        Assert.All(findings, f => Assert.Equal("DEP001", f.GetProperty("ruleId").GetString()));
        var byPackage = findings.ToDictionary(f => Property(f, "package"), StringComparer.Ordinal);
        Assert.Equal(["black", "certifi", "django", "idna", "jinja2", "requests", "sqlparse", "urllib3"], byPackage.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(3, byPackage["urllib3"].GetProperty("properties").GetProperty("advisories").GetArrayLength());

        // the hashed file: no edit, the recompile command from its header, run from the root as the header names the file
        var django = byPackage["django"];
        Assert.Equal("requirements/main.txt", django.GetProperty("location").GetProperty("path").GetString());
        Assert.False(django.TryGetProperty("fix", out _));
        Assert.Equal("pip-compile --generate-hashes --output-file=requirements/main.txt requirements/main.in --upgrade-package django==2.2.28", Property(django, "remedy-command"));

        // the uv pip compile output has no hashes: its pin is edited
        var black = byPackage["black"];
        Assert.Equal("requirements/dev.txt", black.GetProperty("location").GetProperty("path").GetString());
        Assert.Equal("24.3.0", Property(black, "fixed-in"));
        Assert.Equal("==24.3.0", black.GetProperty("fix").GetProperty("edits")[0].GetProperty("newText").GetString());
    }

    [Fact]
    public void Fix_diff_edits_the_plain_file_and_prints_the_recompile_commands_for_the_hashed_one()
    {
        using var project = Copy("pip-compiled");
        var before = File.ReadAllText(project.PathOf("requirements/main.txt"));
        var result = Run(new CliRunner(), "fix", project.Root, "--diff");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--- a/requirements/dev.txt", result.Output, StringComparison.Ordinal);
        Assert.Contains("-black==23.1.0\n+black==24.3.0\n", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("requirements/main.txt\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("  pip-compile --generate-hashes --output-file=requirements/main.txt requirements/main.in --upgrade-package django==2.2.28\n", result.Error, StringComparison.Ordinal);
        Assert.Contains("--upgrade-package urllib3==1.26.18\n", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(project.PathOf("requirements/main.txt")));
        Assert.Equal("black==23.1.0", File.ReadAllLines(project.PathOf("requirements/dev.txt"))[2]);
    }

    [Fact]
    public void Fix_leaves_nothing_it_could_fix_vulnerable_and_prints_the_relock_command()
    {
        using var project = Copy("uv-app");
        var lockBefore = File.ReadAllBytes(project.PathOf("uv.lock"));
        var result = Run(new CliRunner(), "fix", project.Root);

        Assert.Equal(1, result.ExitCode); // uv.lock still pins the vulnerable releases until it is relocked
        Assert.Contains("Applied 4 fixes in 2 files.", result.Output, StringComparison.Ordinal);
        Assert.Contains("  uv lock --upgrade-package django\n  uv lock --upgrade-package sqlparse\n", result.Output, StringComparison.Ordinal);

        Assert.Equal(lockBefore, File.ReadAllBytes(project.PathOf("uv.lock")));
        Assert.Equal(
            ["# Documentation build (Read the Docs installs these with pip)", "sphinx==7.2.6", "Jinja2==2.11.3    # the theme's templates need 2.x", "urllib3==1.26.18 ; python_version >= \"3.8\""],
            File.ReadAllLines(project.PathOf("requirements-docs.txt")));
        var pyproject = File.ReadAllText(project.PathOf("pyproject.toml"));
        Assert.Contains("    \"Django>=2.2.28\",  # the admin still runs on the 1.11 templates\n    \"sqlparse >= 0.4.4\",\n", pyproject, StringComparison.Ordinal);

        // what is left is what only the relock can change
        var after = Findings(Run(new CliRunner(), "audit", project.Root, "--format", "json"));
        Assert.Equal(2, after.Count);
        Assert.All(after, f => Assert.Equal("uv.lock", f.GetProperty("location").GetProperty("path").GetString()));
        Assert.All(after, f => Assert.False(f.TryGetProperty("fix", out _)));
    }

    [Fact]
    public void Fix_without_only_fixes_dependencies_when_a_database_is_at_hand_and_skips_them_otherwise()
    {
        using var project = new TempProject().With("requirements.txt", "jinja2==2.11.2\n");

        // no --db, no KINGSNAKE_DB, an empty cache: the other areas are fixed, the dependency audit is not run
        var without = new CliRunner().Run("fix", project.Root);
        Assert.True(without.ExitCode == 0, without.ToString());
        Assert.Equal("jinja2==2.11.2\n", File.ReadAllText(project.PathOf("requirements.txt")));

        var with = new CliRunner().With("KINGSNAKE_DB", TestPaths.AdvisoryDatabase).Run("fix", project.Root);
        Assert.True(with.ExitCode == 0, with.ToString());
        Assert.Contains("fixed requirements.txt:1:1 DEP001 vulnerable-dependency: jinja2 2.11.2 → 2.11.3", with.Output, StringComparison.Ordinal);
        Assert.Equal("jinja2==2.11.3\n", File.ReadAllText(project.PathOf("requirements.txt")));
    }

    [Fact]
    public void Every_report_says_how_old_the_advisory_data_is()
    {
        using var project = new TempProject().With("requirements.txt", "jinja2==3.1.4\n");
        var json = Run(new CliRunner(), "audit", project.Root, "--format", "json");
        using var document = JsonDocument.Parse(json.Output);
        var database = document.RootElement.GetProperty("database");
        // the latest modified/published of the records (jwcrypto PYSEC-2024-104), not the compile time
        Assert.Equal("2024-10-10T17:22:00.587279Z", database.GetProperty("newest-record").GetString());
        var age = int.Parse(database.GetProperty("newest-record-age-days").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((int)(DateTimeOffset.UtcNow - DateTimeOffset.Parse("2024-10-10T17:22:00Z", System.Globalization.CultureInfo.InvariantCulture)).TotalDays, age, tolerance: 1);
        var note = Assert.Single(document.RootElement.GetProperty("notes").EnumerateArray(), n => n.GetProperty("message").GetString()!.Contains("newest record", StringComparison.Ordinal));
        Assert.StartsWith("the advisory database's newest record is from 2024-10-10", note.GetProperty("message").GetString(), StringComparison.Ordinal);

        var terminal = Run(new CliRunner(), "audit", project.Root);
        Assert.Contains("refresh the records at " + TestPaths.AdvisoryDatabase + ", or run 'kingsnake db update'", terminal.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Db_status_says_how_old_the_newest_record_is()
    {
        var result = new CliRunner().Run("db", "status", "--db", TestPaths.AdvisoryDatabase);
        Assert.Equal(0, result.ExitCode);
        var line = Assert.Single(result.Output.Split('\n'), l => l.StartsWith("newest record:", StringComparison.Ordinal));
        var days = (int)(DateTimeOffset.UtcNow - DateTimeOffset.Parse("2024-10-10T17:22:00Z", System.Globalization.CultureInfo.InvariantCulture)).TotalDays;
        Assert.Equal($"newest record:   2024-10-10T17:22:00.587279Z ({days} days old; 'kingsnake db update' fetches the latest)", line);
    }

    /// <summary>A copy of a fixture under Data/ that a test may change.</summary>
    private static TempProject Copy(string fixture)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Data", fixture);
        var project = new TempProject();
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            project.With(Path.GetRelativePath(source, file), File.ReadAllText(file));
        }

        return project;
    }
}
