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

    /// <summary>Standard error is a terminal: progress may be drawn there.</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>The process environment (a copy: tests pass their own).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public string? GetEnvironmentVariable(string name) => Environment.TryGetValue(name, out var value) ? value : null;

    public string CurrentDirectory { get; init; } = System.Environment.CurrentDirectory;

    public static CliConsole FromProcess()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = entry.Value as string ?? "";
        }

        return new CliConsole
        {
            Out = Console.Out,
            Error = Console.Error,
            OutputIsTerminal = !Console.IsOutputRedirected,
            ErrorIsTerminal = !Console.IsErrorRedirected,
            Environment = environment,
        };
    }
}
