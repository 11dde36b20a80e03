namespace Kingsnake.Workflows.RepositoryData;

/// <summary>
/// A version as actions tag them: <c>v4</c>, <c>4.2</c>, <c>v4.2.2</c>, <c>v2.0.0-beta.1</c>. Components compare
/// numerically (missing ones count as 0) and a pre-release sorts before its release. <see cref="Precision"/> is the
/// number of components written: <c>v4</c> stands for every 4.x.y, which matters when judging ranges.
/// </summary>
public readonly record struct ActionVersionNumber : IComparable<ActionVersionNumber>
{
    private const int MaxComponents = 8;

    private readonly int[] _parts;

    private ActionVersionNumber(int[] parts, string prerelease)
    {
        _parts = parts;
        Prerelease = prerelease;
    }

    /// <summary>The text after '-' (empty for a release); build metadata after '+' is dropped.</summary>
    public string Prerelease { get; }

    public int Precision => _parts?.Length ?? 0;

    public int this[int index] => _parts is not null && index < _parts.Length ? _parts[index] : 0;

    /// <summary>Parses <paramref name="text"/>; false for anything that is not a dotted number with an optional v and suffix.</summary>
    public static bool TryParse(string? text, out ActionVersionNumber version)
    {
        version = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim().AsSpan();
        if (s.StartsWith("refs/tags/", StringComparison.Ordinal))
        {
            s = s["refs/tags/".Length..];
        }

        if (s.Length > 0 && s[0] is 'v' or 'V')
        {
            s = s[1..];
        }

        var plus = s.IndexOf('+');
        if (plus >= 0)
        {
            s = s[..plus];
        }

        var dash = s.IndexOf('-');
        var prerelease = dash >= 0 ? s[(dash + 1)..].ToString() : "";
        var numbers = dash >= 0 ? s[..dash] : s;
        if (numbers.Length == 0 || (dash >= 0 && prerelease.Length == 0))
        {
            return false;
        }

        var parts = new List<int>(3);
        foreach (var range in numbers.Split('.'))
        {
            var part = numbers[range];
            if (part.Length is 0 or > 9 || parts.Count == MaxComponents || !int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            parts.Add(value);
        }

        version = new ActionVersionNumber([.. parts], prerelease);
        return true;
    }

    /// <summary>The first version after every version this one stands for: <c>v4</c> → 5, <c>v4.2</c> → 4.3.</summary>
    public ActionVersionNumber NextAtPrecision()
    {
        var parts = (int[])_parts.Clone();
        parts[^1]++;
        return new ActionVersionNumber(parts, "");
    }

    /// <summary>The same components without a pre-release part.</summary>
    public ActionVersionNumber Release => new(_parts, "");

    public int CompareTo(ActionVersionNumber other)
    {
        var length = Math.Max(Precision, other.Precision);
        for (var i = 0; i < length; i++)
        {
            var order = this[i].CompareTo(other[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return (Prerelease.Length == 0, other.Prerelease.Length == 0) switch
        {
            (true, true) => 0,
            (true, false) => 1,
            (false, true) => -1,
            _ => string.CompareOrdinal(Prerelease, other.Prerelease),
        };
    }

    public bool Equals(ActionVersionNumber other) => CompareTo(other) == 0;

    public override int GetHashCode()
    {
        var hash = new HashCode();
        var length = Precision;
        while (length > 0 && this[length - 1] == 0)
        {
            length--;
        }

        for (var i = 0; i < length; i++)
        {
            hash.Add(this[i]);
        }

        hash.Add(Prerelease, StringComparer.Ordinal);
        return hash.ToHashCode();
    }

    public static bool operator <(ActionVersionNumber left, ActionVersionNumber right) => left.CompareTo(right) < 0;

    public static bool operator >(ActionVersionNumber left, ActionVersionNumber right) => left.CompareTo(right) > 0;

    public static bool operator <=(ActionVersionNumber left, ActionVersionNumber right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ActionVersionNumber left, ActionVersionNumber right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Join('.', _parts ?? []) + (Prerelease.Length > 0 ? "-" + Prerelease : "");
}
