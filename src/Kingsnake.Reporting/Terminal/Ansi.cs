using Kingsnake.Core.Findings;

namespace Kingsnake.Reporting.Terminal;

/// <summary>SGR escape sequences; used only when the options ask for colour.</summary>
public static class Ansi
{
    public const string Reset = "\e[0m";
    public const string Bold = "\e[1m";
    public const string Dim = "\e[2m";
    public const string Red = "\e[31m";
    public const string Green = "\e[32m";
    public const string Yellow = "\e[33m";
    public const string Blue = "\e[34m";
    public const string Magenta = "\e[35m";
    public const string Cyan = "\e[36m";
    public const string BoldRed = "\e[1;31m";
    public const string BoldMagenta = "\e[1;35m";

    public static string For(Severity severity) => severity switch
    {
        Severity.Critical => BoldMagenta,
        Severity.High => BoldRed,
        Severity.Medium => Yellow,
        Severity.Low => Cyan,
        _ => Blue,
    };
}
