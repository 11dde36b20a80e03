using System.Diagnostics;
using System.Text.Json;

namespace Kingsnake.Cli.Tests;

/// <summary>
/// What the user passes: files and lists of files (as pre-commit and editors pass them), a run from a subdirectory
/// (the project and its configuration found as ruff and git find theirs), and inputs named apart (<c>-r</c>,
/// <c>--env</c>) that add to the audit instead of switching areas off.
/// </summary>
public sealed class ProjectScopeTests : IDisposable
{
    private const string App = "import subprocess\n\n\ndef run(cmd):\n    return subprocess.call(cmd, shell=True)\n";

    private const string Other = "import pickle\n\n\ndef load(blob):\n    return pickle.loads(blob)\n";

    private const string Workflow = "on: issues\npermissions: {}\njobs:\n  greet:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"${{ github.event.issue.title }}\"\n";

    /// <summary>A project with one finding per area and file: PY602 in src/pkg/app.py, PY301 in src/pkg/other.py, GHA001 in the workflow, jinja2 2.11.2 in requirements.txt.</summary>
    private readonly TempProject _project = new TempProject()
        .With("pyproject.toml", "[project]\nname = \"demo\"\nversion = \"1.0\"\n\n[tool.kingsnake]\nignore = [\"PY404\"]\n")
        .With("src/pkg/__init__.py", "")
        .With("src/pkg/app.py", App)
        .With("src/pkg/other.py", Other)
        .With(".github/workflows/greet.yml", Workflow)
        .With("requirements.txt", "jinja2==2.11.2\n");

    public void Dispose() => _project.Dispose();

    private (CliResult Result, JsonElement Report) Audit(string currentDirectory, params string[] args)
    {
        var runner = new CliRunner { CurrentDirectory = currentDirectory };
        var result = runner.Run(["audit", "--db", TestPaths.AdvisoryDatabase, "--format", "json", .. args]);
        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        return (result, JsonDocument.Parse(result.Output).RootElement.Clone());
    }

    private static SortedSet<string> Paths(JsonElement report) =>
        new(report.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("location").GetProperty("path").GetString()!), StringComparer.Ordinal);

    private static List<string> Rules(JsonElement report) => [.. report.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()!)];

    private static List<string> Notes(JsonElement report) => [.. report.GetProperty("notes").EnumerateArray().Select(n => n.GetProperty("message").GetString()!)];

    [Fact]
    public void From_a_subdirectory_the_whole_project_is_audited_with_its_configuration()
    {
        var (_, report) = Audit(_project.PathOf("src/pkg"));

        Assert.Equal([".github/workflows/greet.yml", "requirements.txt", "src/pkg/app.py", "src/pkg/other.py"], Paths(report));
        // the root's [tool.kingsnake] ignore applies although the run started two levels below it
        Assert.DoesNotContain("PY404", Rules(report));
    }

    [Fact]
    public void Named_files_are_audited_alone_inside_their_project()
    {
        var (_, report) = Audit(_project.Root, "src/pkg/app.py", ".github/workflows/greet.yml");

        Assert.Equal([".github/workflows/greet.yml", "src/pkg/app.py"], Paths(report));
        Assert.DoesNotContain("PY404", Rules(report));
        // the dependency area had nothing named, so it says nothing (pre-commit passes files of every kind)
        Assert.DoesNotContain(Notes(report), n => n.Contains("no dependency inputs", StringComparison.Ordinal));
    }

    [Fact]
    public void A_named_requirements_file_is_a_dependency_input()
    {
        var (_, report) = Audit(_project.Root, "requirements.txt", "src/pkg/other.py");

        Assert.Equal(["requirements.txt", "src/pkg/other.py"], Paths(report));
        Assert.Contains(report.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString()!.StartsWith("DEP", StringComparison.Ordinal));
    }

    [Fact]
    public void Named_files_from_a_subdirectory_keep_paths_relative_to_the_project_root()
    {
        var (_, report) = Audit(_project.PathOf("src"), "pkg/other.py");

        Assert.Equal(["src/pkg/other.py"], Paths(report));
    }

    [Fact]
    public void Files_outside_the_current_project_are_audited_in_their_own()
    {
        using var elsewhere = new TempProject().With("pyproject.toml", "[tool.kingsnake]\nignore = [\"PY404\"]\n").With("tool/run.py", App);

        var (_, report) = Audit(_project.Root, elsewhere.PathOf("tool/run.py"));

        Assert.Equal(["tool/run.py"], Paths(report));
        Assert.Equal(["PY602"], Rules(report));
    }

    [Fact]
    public void A_named_file_is_audited_where_the_walk_skips_but_not_where_the_configuration_excludes()
    {
        _project.With(".gitignore", "generated/\n").With("generated/gen.py", Other).With("vendor/lib.py", Other);
        File.AppendAllText(_project.PathOf("pyproject.toml"), "exclude = [\"vendor/\"]\n");

        var (_, report) = Audit(_project.Root, "generated/gen.py", "vendor/lib.py");

        Assert.Equal(["generated/gen.py"], Paths(report));
    }

    [Fact]
    public void Named_files_cost_no_walk_of_the_tree()
    {
        // a FIFO elsewhere in the project would be noted by a walk; naming files reads only them and the configuration
        var fifo = _project.PathOf("src/pkg/pipe.py");
        using (var process = Process.Start(new ProcessStartInfo("mkfifo", [fifo]) { UseShellExecute = false })!)
        {
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
        }

        var (_, named) = Audit(_project.Root, "src/pkg/app.py");
        Assert.DoesNotContain(Notes(named), n => n.Contains("FIFO", StringComparison.OrdinalIgnoreCase));

        var (_, whole) = Audit(_project.Root, ".");
        Assert.Contains(whole.GetProperty("notes").EnumerateArray(), n => n.GetProperty("location").GetProperty("path").GetString() == "src/pkg/pipe.py");
    }

    [Fact]
    public void A_named_directory_inside_the_project_limits_the_audit_to_it_with_the_project_configuration()
    {
        var (_, report) = Audit(_project.Root, "src/pkg", ".github/workflows/greet.yml");

        Assert.Equal([".github/workflows/greet.yml", "src/pkg/app.py", "src/pkg/other.py"], Paths(report));
        Assert.DoesNotContain("PY404", Rules(report));
    }

    [Fact]
    public void Requirements_named_apart_add_to_a_named_project()
    {
        using var extra = new TempProject().With("prod.pip", "jinja2==2.11.2\n");

        var (_, report) = Audit(_project.Root, ".", "-r", extra.PathOf("prod.pip"));

        var rules = Rules(report);
        Assert.Contains("PY602", rules);
        Assert.Contains("GHA001", rules);
        Assert.Contains("requirements.txt", Paths(report));
        Assert.Contains(report.GetProperty("findings").EnumerateArray(), f => f.GetProperty("location").GetProperty("path").GetString()!.EndsWith("prod.pip", StringComparison.Ordinal));
    }

    [Fact]
    public void Inputs_named_apart_without_a_project_say_what_was_not_audited()
    {
        var (_, report) = Audit(_project.Root, "-r", "requirements.txt");

        Assert.Equal(["requirements.txt"], Paths(report));
        Assert.Contains(Notes(report), n => n.Contains("name the project too", StringComparison.Ordinal) && n.Contains("workflows and code", StringComparison.Ordinal));

        var (_, depsOnly) = Audit(_project.Root, "-r", "requirements.txt", "--only", "deps");
        Assert.DoesNotContain(Notes(depsOnly), n => n.Contains("name the project too", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_named_file_is_a_usage_error()
    {
        var result = new CliRunner { CurrentDirectory = _project.Root }.Run("audit", "src/pkg/nope.py");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no such file or directory: src/pkg/nope.py", result.Error, StringComparison.Ordinal);
    }
}
