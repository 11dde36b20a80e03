namespace Kingsnake.Core.Suppression;

/// <summary>
/// Reads ignore comments: Kingsnake's <c># kingsnake: ignore</c> and <c># kingsnake: ignore[ID, name, alias]</c>, whose
/// syntax works in every file with <c>#</c> comments (requirements files, TOML, YAML, Python), and the same shape for a
/// peer tool (<c># zizmor: ignore[template-injection]</c>), which the workflow audit reads with it.
/// </summary>
public static class InlineSuppression
{
    /// <summary>
    /// The rule names a Kingsnake suppression comment on <paramref name="line"/> lists: null when the line has none,
    /// an empty list for a bare <c># kingsnake: ignore</c> (every rule).
    /// </summary>
    public static IReadOnlyList<string>? Parse(ReadOnlySpan<char> line)
    {
        for (var hash = line.IndexOf('#'); hash >= 0; hash = Next(line, hash))
        {
            if (At(line, hash, "kingsnake", listRequired: false, StringComparison.OrdinalIgnoreCase) is { } comment)
            {
                return comment.Names;
            }
        }

        return null;
    }

    /// <summary>
    /// The <c># <paramref name="tool"/>: ignore[…]</c> comment that starts at the <c>#</c> at <paramref name="hash"/>, or
    /// null. Without <paramref name="listRequired"/> a bare <c>ignore</c> names every rule (an empty list); with it (as
    /// zizmor reads its comments) only a closed <c>[…]</c> list counts.
    /// </summary>
    public static IgnoreComment? At(ReadOnlySpan<char> line, int hash, string tool, bool listRequired, StringComparison comparison)
    {
        var rest = line[(hash + 1)..].TrimStart();
        if (!rest.StartsWith(tool, comparison) || !rest[tool.Length..].StartsWith(":", StringComparison.Ordinal))
        {
            return null;
        }

        rest = rest[(tool.Length + 1)..].TrimStart();
        if (!rest.StartsWith("ignore", comparison))
        {
            return null;
        }

        rest = rest["ignore".Length..];
        if (!listRequired)
        {
            rest = rest.TrimStart();
        }

        var close = rest.IndexOf(']');
        if (rest.Length == 0 || rest[0] != '[' || (listRequired && close < 0))
        {
            return listRequired ? null : new IgnoreComment([], $"# {tool}: ignore");
        }

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

        return new IgnoreComment(names, $"# {tool}: ignore[{inner.ToString()}]");
    }

    private static int Next(ReadOnlySpan<char> line, int hash)
    {
        var next = line[(hash + 1)..].IndexOf('#');
        return next < 0 ? -1 : hash + 1 + next;
    }
}

/// <summary>An ignore comment: the names it lists (empty: every rule) and its text as it is quoted in reports.</summary>
public sealed record IgnoreComment(IReadOnlyList<string> Names, string Text);
