namespace Kingsnake.Cli.Tests;

/// <summary>Runs the real command line in-process with captured output and a controlled environment.</summary>
internal sealed class CliRunner
{
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    public CliRunner(string? cacheDirectory = null)
    {
        CacheDirectory = cacheDirectory ?? Directory.CreateTempSubdirectory("kingsnake-cache-").FullName;
        _environment["KINGSNAKE_CACHE_DIR"] = CacheDirectory;
    }

    public string CacheDirectory { get; }

    public string CurrentDirectory { get; set; } = TestPaths.RepoRoot;

    public CliRunner With(string variable, string value)
    {
        _environment[variable] = value;
        return this;
    }

    public CliResult Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole
        {
            Out = output,
            Error = error,
            OutputIsTerminal = false,
            CurrentDirectory = CurrentDirectory,
            Environment = _environment,
        };
        var exitCode = Program.Run(args, console);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}

internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
