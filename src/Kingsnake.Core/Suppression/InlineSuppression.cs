namespace Kingsnake.Core.Suppression;

/// <summary>
/// Reads <c># kingsnake: ignore</c> and <c># kingsnake: ignore[ID, name, alias]</c> comments. The same
/// syntax works in every file with <c>#</c> comments: requirements files, TOML, YAML, Python.
/// </summary>
public static class InlineSuppression
{
    private const string Marker = "kingsnake:";

    /// <summary>
    /// The rule names a suppression comment on <paramref name="line"/> lists: null when the line has none,
    /// an empty list for a bare <c># kingsnake: ignore</c> (every rule).
    /// </summary>
    public static IReadOnlyList<string>? Parse(ReadOnlySpan<char> line)
    {
        var hash = line.IndexOf('#');
        while (hash >= 0)
        {
            var rest = line[(hash + 1)..].TrimStart();
            if (rest.StartsWith(Marker, StringComparison.OrdinalIgnoreCase))
            {
                rest = rest[Marker.Length..].TrimStart();
                if (rest.StartsWith("ignore", StringComparison.OrdinalIgnoreCase))
                {
                    rest = rest["ignore".Length..].TrimStart();
                    if (rest.Length == 0 || rest[0] != '[')
                    {
                        return [];
                    }

                    var close = rest.IndexOf(']');
                    var inner = close < 0 ? rest[1..] : rest[1..close];
                    var names = new List<string>();
                    foreach (var range in inner.Split(','))
                    {
                        var name = inner[range].Trim();
                        if (name.Length > 0)
                        {
                            names.Add(name.ToString());
                        }
                    }

                    return names;
                }
            }

            var next = line[(hash + 1)..].IndexOf('#');
            hash = next < 0 ? -1 : hash + 1 + next;
        }

        return null;
    }
}
