using System.Diagnostics;
using System.Text;

namespace Kingsnake.Project.Tests.Git;

/// <summary>Runs the real git (and its helpers) for tests, isolated from the machine's own configuration.</summary>
internal static class GitCli
{
    /// <summary>Runs <c>git args</c> in <paramref name="directory"/> and returns its standard output; a failure is an assertion with git's own words.</summary>
    public static string Run(string directory, params string[] args) => Run(directory, null, args);

    public static string Run(string directory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        Encoding.UTF8.GetString(RunBytes(directory, environment, "git", args));

    public static byte[] RunBytes(string directory, IReadOnlyDictionary<string, string>? environment, string program, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // nothing from the machine's or the user's git configuration leaks into a test repository
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_AUTHOR_NAME"] = "Test Author";
        start.Environment["GIT_AUTHOR_EMAIL"] = "author@example.com";
        start.Environment["GIT_COMMITTER_NAME"] = "Test Committer";
        start.Environment["GIT_COMMITTER_EMAIL"] = "committer@example.com";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, line) => errors.AppendLine(line.Data);
        process.BeginErrorReadLine();
        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {errors}");
        return output.ToArray();
    }
}
