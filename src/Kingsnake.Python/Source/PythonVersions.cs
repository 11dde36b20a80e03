namespace Kingsnake.Python.Source;

/// <summary>The CPython versions whose grammar and <c>ast.dump</c> text the parser reproduces.</summary>
public static class PythonVersions
{
    public static readonly Version Oldest = new(3, 8);

    /// <summary>
    /// The newest grammar: what a parse targets when nothing else is asked (3.15, at its release candidate), the
    /// newest Python every area knows (<see cref="Core.Auditing.SupportedPython.NewestMinor"/>).
    /// </summary>
    public static readonly Version Newest = new(3, Core.Auditing.SupportedPython.NewestMinor);

    /// <summary>Every target from <see cref="Oldest"/> to <see cref="Newest"/>, as "3.8" … "3.15".</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enumerable.Range(Oldest.Minor, Newest.Minor - Oldest.Minor + 1).Select(minor => $"3.{minor}")];

    /// <summary>Reads "3.N" (a patch level is ignored); null unless it is one of <see cref="Names"/>.</summary>
    public static Version? TryParse(string? text)
    {
        if (text is null || !Version.TryParse(text.Count(c => c == '.') == 0 ? text + ".0" : text, out var version) || version.Major != 3)
        {
            return null;
        }

        var minor = new Version(3, version.Minor);
        return minor >= Oldest && minor <= Newest ? minor : null;
    }
}
