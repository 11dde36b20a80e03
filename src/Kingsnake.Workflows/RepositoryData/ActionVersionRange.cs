namespace Kingsnake.Workflows.RepositoryData;

/// <summary>
/// A GHSA <c>vulnerable_version_range</c>: comma-separated constraints that must all hold, each <c>&lt;</c>, <c>&lt;=</c>,
/// <c>&gt;</c>, <c>&gt;=</c> or <c>=</c> followed by a version (a bare version means <c>=</c>), e.g. <c>&gt;= 4.0.0, &lt; 4.1.2</c>.
/// </summary>
public sealed class ActionVersionRange
{
    private readonly (string Op, ActionVersionNumber Version)[] _constraints;

    private ActionVersionRange(string text, (string, ActionVersionNumber)[] constraints)
    {
        Text = text;
        _constraints = constraints;
    }

    public string Text { get; }

    /// <summary>Parses a range; null when a constraint is not understood (the advisory is then skipped, never guessed).</summary>
    public static ActionVersionRange? Parse(string text)
    {
        var constraints = new List<(string, ActionVersionNumber)>();
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var op = raw.StartsWith("<=", StringComparison.Ordinal) || raw.StartsWith(">=", StringComparison.Ordinal) ? raw[..2]
                : raw.StartsWith('<') || raw.StartsWith('>') || raw.StartsWith('=') ? raw[..1] : "=";
            var versionText = raw.StartsWith(op, StringComparison.Ordinal) ? raw[op.Length..].Trim() : raw;
            if (!ActionVersionNumber.TryParse(versionText, out var version))
            {
                return null;
            }

            constraints.Add((op, version));
        }

        return constraints.Count == 0 ? null : new ActionVersionRange(text, [.. constraints]);
    }

    /// <summary>True when the exact version <paramref name="version"/> is in the range.</summary>
    public bool Contains(ActionVersionNumber version)
    {
        foreach (var (op, bound) in _constraints)
        {
            var order = version.CompareTo(bound);
            var holds = op switch
            {
                "<" => order < 0,
                "<=" => order <= 0,
                ">" => order > 0,
                ">=" => order >= 0,
                _ => order == 0,
            };
            if (!holds)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True when every release a partial version stands for is in the range (<c>v1</c> is every 1.x.y: inside
    /// <c>&lt; 2.0.0</c>, not inside <c>&lt; 1.4.0</c>). A floating tag moves to the newest release, so only this
    /// all-inclusive case is certain.
    /// </summary>
    public bool ContainsEvery(ActionVersionNumber prefix)
    {
        var low = prefix.Release;
        var high = prefix.NextAtPrecision();
        foreach (var (op, bound) in _constraints)
        {
            var holds = op switch
            {
                "<" or "<=" => high <= bound,
                ">" => low > bound,
                ">=" => low >= bound,
                _ => false,
            };
            if (!holds)
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => Text;
}
