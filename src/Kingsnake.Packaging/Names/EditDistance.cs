namespace Kingsnake.Packaging.Names;

/// <summary>
/// Edit distance between names, for typosquatting checks (an action slug, later a distribution name, one slip away
/// from a popular one). It is the optimal string alignment distance: insertions, deletions, substitutions and swaps
/// of two neighbours each cost one, and no substring is edited twice; a swap is a single slip of the fingers,
/// which Levenshtein would count as two.
/// </summary>
public static class EditDistance
{
    /// <summary>
    /// The optimal string alignment distance between <paramref name="a"/> and <paramref name="b"/> (ordinal
    /// characters), or <paramref name="maxDistance"/> + 1 as soon as it is known to exceed <paramref name="maxDistance"/>:
    /// callers ask "within k?" and a bound keeps comparing one name against a long list cheap.
    /// </summary>
    public static int OptimalStringAlignment(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int maxDistance = int.MaxValue - 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDistance);
        ArgumentOutOfRangeException.ThrowIfEqual(maxDistance, int.MaxValue);
        var prefix = CommonPrefix(a, b);
        a = a[prefix..];
        b = b[prefix..];
        var suffix = CommonSuffix(a, b);
        a = a[..^suffix];
        b = b[..^suffix];
        if (Math.Abs(a.Length - b.Length) > maxDistance)
        {
            return maxDistance + 1;
        }

        if (a.Length == 0 || b.Length == 0)
        {
            return Math.Max(a.Length, b.Length);
        }

        // Three rows of the classic table: the one two back is what a swap of neighbours reads.
        var twoBack = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var best = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    best = Math.Min(best, twoBack[j - 2] + 1);
                }

                current[j] = best;
                rowMinimum = Math.Min(rowMinimum, best);
            }

            // A row never goes below the minimum of the row before it, and a swap reaches back only one row: once
            // two consecutive rows are all over the bound, every later cell is too.
            if (rowMinimum > maxDistance && Minimum(previous) > maxDistance)
            {
                return maxDistance + 1;
            }

            (twoBack, previous, current) = (previous, current, twoBack);
        }

        return Math.Min(previous[b.Length], maxDistance + 1);
    }

    private static int Minimum(int[] row)
    {
        var minimum = int.MaxValue;
        foreach (var value in row)
        {
            minimum = Math.Min(minimum, value);
        }

        return minimum;
    }

    private static int CommonPrefix(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var length = 0;
        while (length < a.Length && length < b.Length && a[length] == b[length])
        {
            length++;
        }

        return length;
    }

    private static int CommonSuffix(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var length = 0;
        while (length < a.Length && length < b.Length && a[^(length + 1)] == b[^(length + 1)])
        {
            length++;
        }

        return length;
    }
}
