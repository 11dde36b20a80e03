using System.IO.Compression;
using System.Text;

namespace Kingsnake.Python.Parsing;

/// <summary>
/// Character names for <c>\N{...}</c> escapes, exactly those CPython 3.13 accepts (Unicode 15.1): every character name
/// (matched without regard to case), the formal aliases, CJK UNIFIED IDEOGRAPH-XXXX (uppercase, 4 or 5 hex digits) and
/// HANGUL SYLLABLE names composed from jamo. .NET carries no name table, so the table is an embedded resource made by
/// UnicodeNameData/generate_unicode_names.py; it is read the first time a file uses a <c>\N</c> escape.
/// </summary>
internal static class UnicodeNames
{
    private const string CjkPrefix = "CJK UNIFIED IDEOGRAPH-";
    private const string HangulPrefix = "HANGUL SYLLABLE ";

    private static readonly Lazy<Table> Names = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    // Jamo short names in Unicode order (Unicode 15.1, chapter 3.12); "" is a valid choice for the first and last.
    private static readonly string[] Leading = ["G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T", "P", "H"];
    private static readonly string[] Vowels = ["A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I"];
    private static readonly string[] Trailing = ["", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH", "M", "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H"];

    private sealed record Table(Dictionary<string, int> ByName, (int First, int Last)[] CjkRanges);

    /// <summary>The code point named <paramref name="name"/>, or -1.</summary>
    public static int Lookup(string name)
    {
        if (name.StartsWith(CjkPrefix, StringComparison.Ordinal))
        {
            return Ideograph(name.AsSpan(CjkPrefix.Length));
        }

        if (name.StartsWith(HangulPrefix, StringComparison.Ordinal))
        {
            return Syllable(name.AsSpan(HangulPrefix.Length));
        }

        return Names.Value.ByName.TryGetValue(name, out var value) ? value : -1;
    }

    private static int Ideograph(ReadOnlySpan<char> digits)
    {
        if (digits.Length is not (4 or 5))
        {
            return -1;
        }

        var value = 0;
        foreach (var c in digits)
        {
            // CPython takes uppercase hex digits only here.
            var digit = c is >= '0' and <= '9' ? c - '0' : c is >= 'A' and <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0)
            {
                return -1;
            }

            value = (value * 16) + digit;
        }

        foreach (var (first, last) in Names.Value.CjkRanges)
        {
            if (value >= first && value <= last)
            {
                return value;
            }
        }

        return -1;
    }

    /// <summary>A Hangul syllable: the longest leading, vowel and trailing jamo names in turn, as CPython matches them.</summary>
    private static int Syllable(ReadOnlySpan<char> rest)
    {
        var l = LongestJamo(ref rest, Leading);
        var v = LongestJamo(ref rest, Vowels);
        var t = LongestJamo(ref rest, Trailing);
        if (l < 0 || v < 0 || t < 0 || rest.Length > 0)
        {
            return -1;
        }

        return 0xAC00 + (((l * Vowels.Length) + v) * Trailing.Length) + t;
    }

    private static int LongestJamo(ref ReadOnlySpan<char> rest, string[] names)
    {
        var best = -1;
        for (var i = 0; i < names.Length; i++)
        {
            if (rest.StartsWith(names[i], StringComparison.Ordinal) && (best < 0 || names[i].Length > names[best].Length))
            {
                best = i;
            }
        }

        if (best >= 0)
        {
            rest = rest[names[best].Length..];
        }

        return best;
    }

    private static Table Load()
    {
        using var resource = typeof(UnicodeNames).Assembly.GetManifestResourceStream("Kingsnake.Python.UnicodeNames.deflate")
            ?? throw new InvalidOperationException("the Unicode name table is missing from the assembly");
        using var inflated = new DeflateStream(resource, CompressionMode.Decompress);
        using var reader = new StreamReader(inflated, Encoding.ASCII);
        var byName = new Dictionary<string, int>(40_000, StringComparer.OrdinalIgnoreCase);
        var ranges = new List<(int, int)>();
        var previous = "";
        var code = -1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0)
            {
                continue;
            }

            switch (line[0])
            {
                case '\x01':
                    code = Hex(line.AsSpan(1)) - 1;
                    break;
                case '\x02':
                    {
                        var dash = line.IndexOf('-', StringComparison.Ordinal);
                        var semicolon = line.IndexOf(';', StringComparison.Ordinal);
                        ranges.Add((Hex(line.AsSpan(1, dash - 1)), Hex(line.AsSpan(dash + 1, semicolon - dash - 1))));
                        break;
                    }

                case '\x03':
                    {
                        var semicolon = line.IndexOf(';', StringComparison.Ordinal);
                        byName.TryAdd(line[(semicolon + 1)..], Hex(line.AsSpan(1, semicolon - 1)));
                        break;
                    }

                default:
                    {
                        code++;
                        var shared = line[0] - 0x20;
                        var name = string.Concat(previous.AsSpan(0, shared), line.AsSpan(1));
                        previous = name;
                        byName[name.EndsWith('*') ? string.Concat(name.AsSpan(0, name.Length - 1), code.ToString("X4", System.Globalization.CultureInfo.InvariantCulture)) : name] = code;
                        break;
                    }
            }
        }

        return new Table(byName, [.. ranges]);
    }

    private static int Hex(ReadOnlySpan<char> text) => int.Parse(text, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
}
