using System.IO.Compression;
using System.Text;
using Kingsnake.Python.Source;

namespace Kingsnake.Python.UnicodeData;

/// <summary>
/// What each CPython decides by code point from its own Unicode database (3.8: 12.1, 3.9 and 3.10: 13.0, 3.11: 14.0,
/// 3.12: 15.0, 3.13: 15.1, 3.14: 16.0, 3.15: 17.0): which characters may start or continue an identifier, and which
/// <c>str.isprintable()</c> accepts. .NET's own Unicode version is none of these, so nothing here asks .NET. The sets
/// come from the interpreters (generate_unicode_data.py) as the newest version's set and each older version's
/// difference from the next; a version's set is built the first time a file of that target needs it.
/// </summary>
internal static class UnicodeSets
{
    private const int Sets = 3;
    private const int Start = 0, Continue = 1, Printable = 2;

    private static readonly int Oldest = PythonVersions.Oldest.Minor, Newest = PythonVersions.Newest.Minor;
    private static readonly Lazy<int[][][]> Flips = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly CodePointSet?[] Built = new CodePointSet?[Sets * (PythonVersions.Newest.Minor + 1)];

    /// <summary>The 3.N a target reads Unicode as: its own minor version, the newest when none is given.</summary>
    public static int MinorOf(Version? target) => target is null ? Newest : Math.Clamp(target.Minor, Oldest, Newest);

    /// <summary>Whether CPython 3.<paramref name="minor"/> takes the character in an identifier: as its first character (XID_Start or '_') or after it (XID_Continue).</summary>
    public static bool IsIdentifierCharacter(int codePoint, bool first, int minor) => Get(first ? Start : Continue, minor).Contains(codePoint);

    /// <summary>Whether CPython 3.<paramref name="minor"/>'s <c>str.isprintable()</c> accepts the character.</summary>
    public static bool IsPrintable(int codePoint, int minor) => Get(Printable, minor).Contains(codePoint);

    private static CodePointSet Get(int set, int minor)
    {
        minor = Math.Clamp(minor, Oldest, Newest);
        var slot = (set * (Newest + 1)) + minor;
        // Building twice in a race gives equal sets, so the first one published is kept and no lock is needed.
        return Volatile.Read(ref Built[slot]) ?? Interlocked.CompareExchange(ref Built[slot], CodePointSet.FromFlips(Flips.Value[set][minor]), null) ?? Built[slot]!;
    }

    private static int[][][] Load()
    {
        using var resource = typeof(UnicodeSets).Assembly.GetManifestResourceStream("Kingsnake.Python.CodePointSets.deflate")
            ?? throw new InvalidOperationException("the code point sets are missing from the assembly");
        using var reader = new StreamReader(new DeflateStream(resource, CompressionMode.Decompress), Encoding.ASCII);
        var flips = new int[Sets][][];
        for (var set = 0; set < Sets; set++)
        {
            flips[set] = new int[Newest + 1][];
        }

        string? line;
        while ((line = reader.ReadLine()) is { Length: > 0 })
        {
            var parts = line.Split(' ');
            var set = parts[0] switch
            {
                "start" => Start,
                "continue" => Continue,
                "printable" => Printable,
                _ => throw new InvalidOperationException("unexpected line in the code point sets: " + line),
            };
            var minor = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            var points = Points(parts[2]);
            // The newest version's line is the set itself; each older one gives where it differs from the next newer,
            // and a difference's flips merge into the newer set's flips as a symmetric difference.
            flips[set][minor] = minor == Newest ? points : SymmetricDifference(flips[set][minor + 1], points);
        }

        for (var set = 0; set < Sets; set++)
        {
            for (var minor = Oldest; minor <= Newest; minor++)
            {
                _ = flips[set][minor] ?? throw new InvalidOperationException($"the code point sets lack set {set} for 3.{minor}");
            }
        }

        return flips;
    }

    private static int[] Points(string deltas)
    {
        if (deltas == "-")
        {
            return [];
        }

        var parts = deltas.Split(',');
        var points = new int[parts.Length];
        var code = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            code += int.Parse(parts[i], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
            points[i] = code;
        }

        return points;
    }

    private static int[] SymmetricDifference(int[] a, int[] b)
    {
        var merged = new List<int>(a.Length + b.Length);
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            if (j == b.Length || (i < a.Length && a[i] < b[j]))
            {
                merged.Add(a[i++]);
            }
            else if (i == a.Length || b[j] < a[i])
            {
                merged.Add(b[j++]);
            }
            else
            {
                i++;
                j++;
            }
        }

        return [.. merged];
    }
}
