using System.IO.Compression;
using System.Text;
using Kingsnake.Python.UnicodeData;

namespace Kingsnake.Python.Parsing;

/// <summary>
/// NFKC normalization of identifiers, as CPython applies it to every identifier with a non-ASCII character
/// (<c>ｗｉｄｔｈ</c> is the name <c>width</c>, MICRO SIGN becomes GREEK SMALL LETTER MU). .NET's
/// <see cref="string.Normalize()"/> is a no-op under InvariantGlobalization (and its Unicode version is not the target's),
/// so the decompositions, combining classes and composition pairs come from each CPython's unicodedata through
/// UnicodeData/generate_unicode_data.py, embedded deflated and read the first time a file has a non-ASCII identifier.
/// Unicode only ever adds to them (the generator checks), so each entry carries the first 3.N that has it and a target
/// sees the entries of its own version and older.
/// </summary>
internal static class IdentifierNormalizer
{
    private const int SyllableBase = 0xAC00, LeadingBase = 0x1100, VowelBase = 0x1161, TrailingBase = 0x11A7;
    private const int LeadingCount = 19, VowelCount = 21, TrailingCount = 28, SyllableCount = LeadingCount * VowelCount * TrailingCount;

    private static readonly Lazy<Tables> Data = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    // Values pack the first minor version that has the entry above the data: combining class | since << 8, composite
    // code point | since << 21.
    private const int ClassSinceShift = 8, CompositeSinceShift = 21;

    private sealed record Tables(Dictionary<int, (int[] Mapping, int Since)> Decompositions, Dictionary<int, int> Classes, Dictionary<long, int> Composites);

    /// <summary>The NFKC form of <paramref name="text"/> under CPython <paramref name="target"/>'s Unicode database (the newest when none is given).</summary>
    public static string Normalize(string text, Version? target) => Normalize(text, UnicodeSets.MinorOf(target));

    /// <summary>The NFKC form of <paramref name="text"/> as CPython 3.<paramref name="minor"/> has it (returned as is when normalization changes nothing).</summary>
    public static string Normalize(string text, int minor)
    {
        var tables = Data.Value;
        var decomposed = new List<int>(text.Length + 4);
        foreach (var rune in text.EnumerateRunes())
        {
            Decompose(rune.Value, decomposed, tables, minor);
        }

        SortCombiningMarks(decomposed, tables, minor);
        Compose(decomposed, tables, minor);

        var builder = new StringBuilder(decomposed.Count);
        foreach (var code in decomposed)
        {
            builder.Append(new Rune(code).ToString());
        }

        var result = builder.ToString();
        return result == text ? text : result;
    }

    private static void Decompose(int code, List<int> into, Tables tables, int minor)
    {
        var index = code - SyllableBase;
        if (index is >= 0 and < SyllableCount)
        {
            into.Add(LeadingBase + (index / (VowelCount * TrailingCount)));
            into.Add(VowelBase + (index % (VowelCount * TrailingCount) / TrailingCount));
            if (index % TrailingCount != 0)
            {
                into.Add(TrailingBase + (index % TrailingCount));
            }
        }
        else if (tables.Decompositions.TryGetValue(code, out var mapping) && mapping.Since <= minor)
        {
            into.AddRange(mapping.Mapping);
        }
        else
        {
            into.Add(code);
        }
    }

    private static int ClassOf(int code, Tables tables, int minor) =>
        tables.Classes.TryGetValue(code, out var value) && value >> ClassSinceShift <= minor ? value & ((1 << ClassSinceShift) - 1) : 0;

    /// <summary>Canonical ordering: each run of combining marks stably sorted by combining class.</summary>
    private static void SortCombiningMarks(List<int> codes, Tables tables, int minor)
    {
        for (var i = 1; i < codes.Count; i++)
        {
            var mark = codes[i];
            var markClass = ClassOf(mark, tables, minor);
            if (markClass == 0)
            {
                continue;
            }

            var j = i;
            while (j > 0 && ClassOf(codes[j - 1], tables, minor) > markClass)
            {
                codes[j] = codes[j - 1];
                j--;
            }

            codes[j] = mark;
        }
    }

    /// <summary>Canonical composition: each character joins the last starter unless a mark of the same or higher class sits between.</summary>
    private static void Compose(List<int> codes, Tables tables, int minor)
    {
        if (codes.Count < 2)
        {
            return;
        }

        var starterAt = 0;
        var lastClass = ClassOf(codes[0], tables, minor) == 0 ? 0 : 256;
        var written = 1;
        for (var i = 1; i < codes.Count; i++)
        {
            var code = codes[i];
            var codeClass = ClassOf(code, tables, minor);
            if ((lastClass < codeClass || lastClass == 0) && Composite(codes[starterAt], code, tables, minor) is var composite and >= 0)
            {
                codes[starterAt] = composite;
                continue;
            }

            if (codeClass == 0)
            {
                starterAt = written;
            }

            lastClass = codeClass;
            codes[written++] = code;
        }

        codes.RemoveRange(written, codes.Count - written);
    }

    private static int Composite(int first, int second, Tables tables, int minor)
    {
        var leading = first - LeadingBase;
        var vowel = second - VowelBase;
        if (leading is >= 0 and < LeadingCount && vowel is >= 0 and < VowelCount)
        {
            return SyllableBase + (((leading * VowelCount) + vowel) * TrailingCount);
        }

        var syllable = first - SyllableBase;
        var trailing = second - TrailingBase;
        if (syllable is >= 0 and < SyllableCount && syllable % TrailingCount == 0 && trailing is > 0 and < TrailingCount)
        {
            return first + trailing;
        }

        return tables.Composites.TryGetValue(((long)first << 21) | (uint)second, out var composite) && composite >> CompositeSinceShift <= minor
            ? composite & ((1 << CompositeSinceShift) - 1)
            : -1;
    }

    private static Tables Load()
    {
        using var resource = typeof(IdentifierNormalizer).Assembly.GetManifestResourceStream("Kingsnake.Python.Nfkc.deflate")
            ?? throw new InvalidOperationException("the NFKC table is missing from the assembly");
        using var inflated = new DeflateStream(resource, CompressionMode.Decompress);
        using var reader = new StreamReader(inflated, Encoding.ASCII);
        var decompositions = new Dictionary<int, (int[], int)>(5000);
        var classes = new Dictionary<int, int>(1000);
        var composites = new Dictionary<long, int>(1000);
        var since = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.StartsWith('@'))
            {
                // A section of what 3.N added.
                since = int.Parse(line.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
                continue;
            }

            if (line.Length < 3)
            {
                continue;
            }

            var semicolon = line.IndexOf(';', StringComparison.Ordinal);
            var key = line.AsSpan(2, semicolon - 2);
            var value = line.AsSpan(semicolon + 1);
            switch (line[0])
            {
                case 'D':
                    {
                        var parts = value.ToString().Split(' ');
                        decompositions[Hex(key)] = ([.. parts.Select(part => Hex(part))], since);
                        break;
                    }

                case 'C':
                    classes[Hex(key)] = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) | (since << ClassSinceShift);
                    break;
                case 'P':
                    {
                        var space = key.IndexOf(' ');
                        composites[((long)Hex(key[..space]) << 21) | (uint)Hex(key[(space + 1)..])] = Hex(value) | (since << CompositeSinceShift);
                        break;
                    }

                default:
                    throw new InvalidOperationException("unexpected line in the NFKC table: " + line);
            }
        }

        return new Tables(decompositions, classes, composites);
    }

    private static int Hex(ReadOnlySpan<char> text) => int.Parse(text, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
}
