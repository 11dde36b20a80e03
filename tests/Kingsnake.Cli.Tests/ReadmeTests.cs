namespace Kingsnake.Cli.Tests;

/// <summary>The README's first two commands stay true: the main job through ./kingsnake, the tests as CI runs them.</summary>
public sealed class ReadmeTests
{
    private static string[] FirstCommands()
    {
        var readme = File.ReadAllLines(Path.Combine(TestPaths.RepoRoot, "README.md"));
        var start = Array.FindIndex(readme, l => l.StartsWith("```", StringComparison.Ordinal));
        var end = Array.FindIndex(readme, start + 1, l => l.StartsWith("```", StringComparison.Ordinal));
        Assert.True(start is > 0 and < 5, "the README opens with its commands");
        return readme[(start + 1)..end];
    }

    [Fact]
    public void The_test_command_is_the_one_CI_runs()
    {
        var commands = FirstCommands();
        Assert.Equal(2, commands.Length);
        var ci = File.ReadAllLines(Path.Combine(TestPaths.RepoRoot, ".ci", "run"));
        Assert.Contains(ci, l => l.StartsWith(commands[1] + " ", StringComparison.Ordinal) || l == commands[1]);
    }

    [Fact]
    public void The_main_command_runs_the_checkout_script_on_inputs_this_machine_has()
    {
        var main = FirstCommands()[0].Split(' ');
        Assert.Equal("./kingsnake", main[0]);
        var script = Path.Combine(TestPaths.RepoRoot, "kingsnake");
        Assert.True(File.Exists(script), script);
        if (!OperatingSystem.IsWindows())
        {
            Assert.True((File.GetUnixFileMode(script) & UnixFileMode.UserExecute) != 0, "./kingsnake is executable");
        }

        // the arguments are the CLI's own: the same command line in-process audits the named environment
        var args = main[1..].Select(a => a.StartsWith("../", StringComparison.Ordinal) ? Path.GetFullPath(Path.Combine(TestPaths.RepoRoot, a)) : a).ToArray();
        var result = new CliRunner().Run([.. args, "--format", "json", "--quiet"]);
        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        Assert.Contains("\"findings\"", result.Output, StringComparison.Ordinal);
    }
}
