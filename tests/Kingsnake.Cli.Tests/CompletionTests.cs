using System.Diagnostics;
using Kingsnake.Cli.Commands;

namespace Kingsnake.Cli.Tests;

/// <summary>Shell completion: the scripts hand the line to System.CommandLine's suggest directive, which knows every command, option and value.</summary>
public sealed class CompletionTests
{
    [Theory]
    [InlineData("kingsnake au", "audit")]
    [InlineData("kingsnake audit --form", "--format")]
    [InlineData("kingsnake audit --format ", "sarif")]
    [InlineData("kingsnake audit --only ", "workflows")]
    [InlineData("kingsnake audit --persona ", "pedantic")]
    [InlineData("kingsnake audit --fail-on ", "critical")]
    [InlineData("kingsnake rules --format ", "markdown")]
    [InlineData("kingsnake completion ", "powershell")]
    public void The_suggest_directive_completes_commands_options_and_values(string line, string expected)
    {
        var result = new CliRunner().Run($"[suggest:{line.Length}]", line);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(expected, result.Output.Split('\n', StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void Every_shell_has_a_script_that_calls_the_suggest_directive()
    {
        foreach (var shell in CompletionCommand.Shells)
        {
            var result = new CliRunner().Run("completion", shell);
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("[suggest:", result.Output, StringComparison.Ordinal);
            Assert.Contains("kingsnake", result.Output, StringComparison.Ordinal);
        }

        Assert.Equal(2, new CliRunner().Run("completion", "tcsh").ExitCode);
    }

    [Fact]
    public void The_bash_script_completes_in_a_real_bash()
    {
        // the apphost built beside the tests: the script calls the binary named on the line, as a shell would
        var binary = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "kingsnake.exe" : "kingsnake");
        Assert.True(File.Exists(binary), binary);
        var script = Path.Combine(Directory.CreateTempSubdirectory("kingsnake-completion-").FullName, "complete.sh");
        File.WriteAllText(script, $$"""
            source <("{{binary}}" completion bash)
            COMP_WORDS=("{{binary}}" audit --format s)
            COMP_LINE="${COMP_WORDS[*]}"
            COMP_POINT=${#COMP_LINE}
            COMP_CWORD=3
            _kingsnake_complete
            printf 'value:%s\n' "${COMPREPLY[@]}"
            COMP_WORDS=("{{binary}}" ru)
            COMP_LINE="${COMP_WORDS[*]}"
            COMP_POINT=${#COMP_LINE}
            COMP_CWORD=1
            _kingsnake_complete
            printf 'command:%s\n' "${COMPREPLY[@]}"
            """);
        var start = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var bash = Process.Start(start)!;
        var output = bash.StandardOutput.ReadToEnd();
        var error = bash.StandardError.ReadToEnd();
        Assert.True(bash.WaitForExit(60_000));
        Assert.True(bash.ExitCode == 0, error);
        Assert.Equal(["value:sarif", "command:rule", "command:rules"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Help_shows_the_audit_path_as_optional()
    {
        var result = new CliRunner().Run("audit", "--help");
        Assert.Contains(" audit [<path>...] [options]", result.Output, StringComparison.Ordinal);
    }
}
