namespace Kingsnake.Cli;

/// <summary>
/// The console as the CLI sees it: its writers, whether output is a terminal, and the environment. Tests
/// pass their own, so the whole command runs in-process without touching the real console.
/// </summary>
public sealed class CliConsole
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public bool OutputIsTerminal { get; init; }

    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    public string CurrentDirectory { get; init; } = Environment.CurrentDirectory;

    public static CliConsole System() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        OutputIsTerminal = !Console.IsOutputRedirected,
    };
}
