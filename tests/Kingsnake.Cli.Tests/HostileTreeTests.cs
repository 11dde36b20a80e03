using System.Diagnostics;
using System.Text.Json;

namespace Kingsnake.Cli.Tests;

/// <summary>
/// A scanned repository is hostile: special files and links where Kingsnake expects a file, and paths that lead out of
/// the project. Each case must finish, name the file, read nothing outside the project, and keep the other findings.
/// </summary>
public sealed class HostileTreeTests : IDisposable
{
    /// <summary>One finding per area, so a lost area shows: PY602 in app.py and a template injection in the workflow.</summary>
    private const string App = "import subprocess\n\n\ndef run(cmd):\n    return subprocess.call(cmd, shell=True)\n";

    private const string Workflow = "on: issues\npermissions: {}\njobs:\n  greet:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"${{ github.event.issue.title }}\"\n";

    private readonly TempProject _project = new TempProject().With("app.py", App).With(".github/workflows/greet.yml", Workflow);

    public void Dispose() => _project.Dispose();

    private void Fifo(string relative)
    {
        var full = _project.PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [full]) { UseShellExecute = false })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    private void Link(string relative, string target)
    {
        var full = _project.PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.CreateSymbolicLink(full, target);
    }

    private (CliResult Result, JsonElement Report) Audit()
    {
        var result = new CliRunner().Run("audit", _project.Root, "--only", "code,workflows", "--format", "json");
        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        return (result, JsonDocument.Parse(result.Output).RootElement.Clone());
    }

    private static List<string> Rules(JsonElement report) => [.. report.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()!)];

    private static List<string> Mentions(JsonElement report, string property) =>
        [.. report.GetProperty(property).EnumerateArray().Select(e => e.GetProperty("location").GetProperty("path").GetString() + ": " + e.GetProperty("message").GetString())];

    private static void BothAreasReported(JsonElement report)
    {
        var rules = Rules(report);
        Assert.Contains("PY602", rules);
        Assert.Contains("GHA001", rules);
    }

    [Theory(Timeout = 120_000)]
    [InlineData("x.py")]
    [InlineData(".github/workflows/ci.yml")]
    [InlineData("kingsnake.toml")]
    [InlineData(".gitignore")]
    [InlineData("requirements-dev.txt")]
    public async Task A_fifo_anywhere_is_noted_and_the_scan_finishes(string name)
    {
        Fifo(name);
        var (_, report) = await Task.Run(Audit, TestContext.Current.CancellationToken);
        BothAreasReported(report);
        Assert.Contains(Mentions(report, "notes"), n => n.StartsWith(name + ": ", StringComparison.Ordinal) && n.Contains("named pipe", StringComparison.Ordinal));
    }

    [Theory(Timeout = 120_000)]
    [InlineData("kingsnake.toml")]
    [InlineData("pyproject.toml")]
    [InlineData("big.py")]
    [InlineData(".gitignore")]
    [InlineData("action.yml")]
    [InlineData(".bandit")]
    public async Task A_link_to_dev_zero_is_noted_by_its_own_name_and_nothing_is_lost(string name)
    {
        Link(name, "/dev/zero");
        var before = GC.GetTotalMemory(false);
        var (_, report) = await Task.Run(Audit, TestContext.Current.CancellationToken);
        BothAreasReported(report);
        Assert.True(GC.GetTotalMemory(false) - before < 512L * 1024 * 1024, "reading /dev/zero grew the process");
        var mentions = Mentions(report, "notes").Concat(Mentions(report, "errors")).ToList();
        Assert.Contains(mentions, n => n.StartsWith(name + ": ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_repository_config_naming_a_baseline_outside_the_project_is_an_error_naming_the_config()
    {
        _project.With("kingsnake.toml", "baseline = \"/dev/zero\"\n");
        var (_, report) = Audit();
        BothAreasReported(report);
        Assert.Contains("kingsnake.toml: '/dev/zero' leads outside the project; not read", Mentions(report, "errors"));
    }

    [Fact]
    public void Files_linked_from_outside_the_project_are_not_scanned_as_if_inside()
    {
        var outside = new TempProject().With("evil.py", "eval(input())\n");
        try
        {
            Link("linked.py", outside.PathOf("evil.py"));
            Link("vendor", outside.Root);
            var (_, report) = Audit();
            BothAreasReported(report);
            Assert.DoesNotContain(report.GetProperty("findings").EnumerateArray(), f => f.GetProperty("location").GetProperty("path").GetString()!.Contains("linked", StringComparison.Ordinal));
            var notes = Mentions(report, "notes");
            Assert.Contains("linked.py: a link that leads out of the project; not read", notes);
            Assert.Contains("vendor: a directory link that leads out of the project; not followed", notes);
            Assert.DoesNotContain(notes, n => n.Contains(outside.Root, StringComparison.Ordinal));
        }
        finally
        {
            outside.Dispose();
        }
    }
}
