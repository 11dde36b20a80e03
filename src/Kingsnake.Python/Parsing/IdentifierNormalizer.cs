using System.IO.Compression;
using System.Text;

namespace Kingsnake.Python.Parsing;

/// <summary>
/// NFKC normalization of identifiers, as CPython applies it to every identifier with a non-ASCII character
/// (<c>ｗｉｄｔｈ</c> is the name <c>width</c>, MICRO SIGN becomes GREEK SMALL LETTER MU). .NET's
/// <see cref="string.Normalize()"/> is a no-op under InvariantGlobalization, so the decompositions, combining classes
/// and composition pairs come from CPython 3.13's unicodedata (Unicode 15.1) through NfkcData/generate_nfkc.py,
/// embedded deflated and read the first time a file has a non-ASCII identifier.
/// </summary>
internal static class IdentifierNormalizer
{
    private const int SyllableBase = 0xAC00, LeadingBase = 0x1100, VowelBase = 0x1161, TrailingBase = 0x11A7;
    private const int LeadingCount = 19, VowelCount = 21, TrailingCount = 28, SyllableCount = LeadingCount * VowelCount * TrailingCount;

    private static readonly Lazy<Tables> Data = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private sealed record Tables(Dictionary<int, int[]> Decompositions, Dictionary<int, byte> Classes, Dictionary<long, int> Composites);

    /// <summary>The NFKC form of <paramref name="text"/> (returned as is when normalization changes nothing).</summary>
    public static string Normalize(string text)
    {
        var tables = Data.Value;
        var decomposed = new List<int>(text.Length + 4);
        foreach (var rune in text.EnumerateRunes())
        {
            Decompose(rune.Value, decomposed, tables);
        }

        SortCombiningMarks(decomposed, tables);
        Compose(decomposed, tables);

        var builder = new StringBuilder(decomposed.Count);
        foreach (var code in decomposed)
        {
            builder.Append(new Rune(code).ToString());
        }

        var result = builder.ToString();
        return result == text ? text : result;
    }

    private static void Decompose(int code, List<int> into, Tables tables)
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
        else if (tables.Decompositions.TryGetValue(code, out var mapping))
        {
            into.AddRange(mapping);
        }
        else
        {
            into.Add(code);
        }
    }

    private static int ClassOf(int code, Tables tables) => tables.Classes.TryGetValue(code, out var value) ? value : 0;

    /// <summary>Canonical ordering: each run of combining marks stably sorted by combining class.</summary>
    private static void SortCombiningMarks(List<int> codes, Tables tables)
    {
        for (var i = 1; i < codes.Count; i++)
        {
            var mark = codes[i];
            var markClass = ClassOf(mark, tables);
            if (markClass == 0)
            {
                continue;
            }

            var j = i;
            while (j > 0 && ClassOf(codes[j - 1], tables) > markClass)
            {
                codes[j] = codes[j - 1];
                j--;
            }

            codes[j] = mark;
        }
    }

    /// <summary>Canonical composition: each character joins the last starter unless a mark of the same or higher class sits between.</summary>
    private static void Compose(List<int> codes, Tables tables)
    {
        if (codes.Count < 2)
        {
            return;
        }

        var starterAt = 0;
        var lastClass = ClassOf(codes[0], tables) == 0 ? 0 : 256;
        var written = 1;
        for (var i = 1; i < codes.Count; i++)
        {
            var code = codes[i];
            var codeClass = ClassOf(code, tables);
            if ((lastClass < codeClass || lastClass == 0) && Composite(codes[starterAt], code, tables) is var composite and >= 0)
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

    private static int Composite(int first, int second, Tables tables)
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

        return tables.Composites.TryGetValue(((long)first << 21) | (uint)second, out var composite) ? composite : -1;
    }

    private static Tables Load()
    {
        using var resource = typeof(IdentifierNormalizer).Assembly.GetManifestResourceStream("Kingsnake.Python.Nfkc.deflate")
            ?? throw new InvalidOperationException("the NFKC table is missing from the assembly");
        using var inflated = new DeflateStream(resource, CompressionMode.Decompress);
        using var reader = new StreamReader(inflated, Encoding.ASCII);
        var decompositions = new Dictionary<int, int[]>(5000);
        var classes = new Dictionary<int, byte>(1000);
        var composites = new Dictionary<long, int>(1000);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
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
                        decompositions[Hex(key)] = [.. parts.Select(part => Hex(part))];
                        break;
                    }

                case 'C':
                    classes[Hex(key)] = byte.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case 'P':
                    {
                        var space = key.IndexOf(' ');
                        composites[((long)Hex(key[..space]) << 21) | (uint)Hex(key[(space + 1)..])] = Hex(value);
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
