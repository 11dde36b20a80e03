using System.IO.Compression;
using System.Text;
using Kingsnake.Python.UnicodeData;

namespace Kingsnake.Python.Parsing;

/// <summary>
/// Character names for <c>\N{...}</c> escapes, exactly those the target CPython accepts from its own Unicode database
/// (3.13: 15.1, 3.14: 16.0, 3.15: 17.0…): every character name (matched without regard to case), the formal aliases,
/// ideographs named by code point (CJK UNIFIED IDEOGRAPH-XXXX, and from 3.15 TANGUT IDEOGRAPH-XXXXX) and HANGUL SYLLABLE
/// names composed from jamo. .NET carries no name table, so the table is an embedded resource made by
/// UnicodeData/generate_unicode_data.py, with the first 3.N that has each entry; it is read the first time a file uses
/// a <c>\N</c> escape.
/// </summary>
internal static class UnicodeNames
{
    private const string HangulPrefix = "HANGUL SYLLABLE ";

    // Values of the name table pack the first minor version that has the name above its code point.
    private const int SinceShift = 21;
    private const int CodeMask = (1 << SinceShift) - 1;

    private static readonly Lazy<Table> Names = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    // Jamo short names in Unicode order (the Unicode Standard, section 3.12, stable since Hangul came in); "" is a valid
    // choice for the first and last.
    private static readonly string[] Leading = ["G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T", "P", "H"];
    private static readonly string[] Vowels = ["A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I"];
    private static readonly string[] Trailing = ["", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH", "M", "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H"];

    /// <summary>A run of ideographs named by code point, named from 3.<c>Since</c> on (or, if <c>Dropped</c>, no longer named from then).</summary>
    private readonly record struct IdeographRun(int First, int Last, string Prefix, int Since, bool Dropped);

    private sealed record Table(Dictionary<string, int> ByName, IdeographRun[] Ideographs, string[] IdeographPrefixes);

    /// <summary>The code point named <paramref name="name"/> in CPython <paramref name="target"/> (the newest when none is given), or -1.</summary>
    public static int Lookup(string name, Version? target) => Lookup(name, UnicodeSets.MinorOf(target));

    /// <summary>The code point named <paramref name="name"/> in CPython 3.<paramref name="minor"/>, or -1.</summary>
    public static int Lookup(string name, int minor)
    {
        foreach (var c in name)
        {
            // Every name is ASCII, and CPython folds case in ASCII only: .NET's case-insensitive comparison would also
            // take 'ſ' (U+017F) for 'S'.
            if (c >= 0x80)
            {
                return -1;
            }
        }

        // Up to 3.14 the algorithmic names match in upper case only; 3.15 takes them in any case, like the table's.
        var comparison = minor >= 15 ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (name.StartsWith(HangulPrefix, comparison))
        {
            return Syllable(name.AsSpan(HangulPrefix.Length), comparison);
        }

        var table = Names.Value;
        foreach (var prefix in table.IdeographPrefixes)
        {
            if (name.StartsWith(prefix, comparison))
            {
                return Ideograph(name.AsSpan(prefix.Length), prefix, minor, table);
            }
        }

        return table.ByName.TryGetValue(name, out var value) && value >> SinceShift <= minor ? value & CodeMask : -1;
    }

    private static int Ideograph(ReadOnlySpan<char> digits, string prefix, int minor, Table table)
    {
        if (digits.Length is not (4 or 5))
        {
            return -1;
        }

        var value = 0;
        foreach (var c in digits)
        {
            // Uppercase hex digits only up to 3.14; 3.15 takes either case.
            var digit = c is >= '0' and <= '9' ? c - '0' : c is >= 'A' and <= 'F' ? c - 'A' + 10 : minor >= 15 && c is >= 'a' and <= 'f' ? c - 'a' + 10 : -1;
            if (digit < 0)
            {
                return -1;
            }

            value = (value * 16) + digit;
        }

        // 3.15 takes only the name's own spelling, four digits below U+10000 and five above (not "04E00").
        if (minor >= 15 && (digits.Length == 4) != (value <= 0xFFFF))
        {
            return -1;
        }

        // The latest word on the code point up to this version decides: named from a run's version on, unless a
        // later version dropped it (3.9 dropped U+2EBE1..U+2EBEF, which 3.8 took for CJK ideographs).
        var since = -1;
        var named = false;
        foreach (var run in table.Ideographs)
        {
            if (value >= run.First && value <= run.Last && run.Since <= minor && run.Since > since && run.Prefix == prefix)
            {
                since = run.Since;
                named = !run.Dropped;
            }
        }

        return named ? value : -1;
    }

    /// <summary>A Hangul syllable: the longest leading, vowel and trailing jamo names in turn, as CPython matches them.</summary>
    private static int Syllable(ReadOnlySpan<char> rest, StringComparison comparison)
    {
        var l = LongestJamo(ref rest, Leading, comparison);
        var v = LongestJamo(ref rest, Vowels, comparison);
        var t = LongestJamo(ref rest, Trailing, comparison);
        if (l < 0 || v < 0 || t < 0 || rest.Length > 0)
        {
            return -1;
        }

        return 0xAC00 + (((l * Vowels.Length) + v) * Trailing.Length) + t;
    }

    private static int LongestJamo(ref ReadOnlySpan<char> rest, string[] names, StringComparison comparison)
    {
        var best = -1;
        for (var i = 0; i < names.Length; i++)
        {
            if (rest.StartsWith(names[i], comparison) && (best < 0 || names[i].Length > names[best].Length))
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
        var byName = new Dictionary<string, int>(50_000, StringComparer.OrdinalIgnoreCase);
        var ideographs = new List<IdeographRun>();
        var previous = "";
        var code = -1;
        var since = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0)
            {
                continue;
            }

            switch (line[0])
            {
                case '\x04':
                    // A section of what 3.N added; names in it are front-coded afresh.
                    since = int.Parse(line.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
                    previous = "";
                    break;
                case '\x01':
                    code = Hex(line.AsSpan(1)) - 1;
                    break;
                case '\x02' or '\x05':
                    {
                        var dash = line.IndexOf('-', StringComparison.Ordinal);
                        var semicolon = line.IndexOf(';', StringComparison.Ordinal);
                        ideographs.Add(new IdeographRun(Hex(line.AsSpan(1, dash - 1)), Hex(line.AsSpan(dash + 1, semicolon - dash - 1)), line[(semicolon + 1)..], since, line[0] == '\x05'));
                        break;
                    }

                case '\x03':
                    {
                        var semicolon = line.IndexOf(';', StringComparison.Ordinal);
                        byName.TryAdd(line[(semicolon + 1)..], Hex(line.AsSpan(1, semicolon - 1)) | (since << SinceShift));
                        break;
                    }

                default:
                    {
                        code++;
                        var shared = line[0] - 0x20;
                        var name = string.Concat(previous.AsSpan(0, shared), line.AsSpan(1));
                        previous = name;
                        byName[name.EndsWith('*') ? string.Concat(name.AsSpan(0, name.Length - 1), code.ToString("X4", System.Globalization.CultureInfo.InvariantCulture)) : name] = code | (since << SinceShift);
                        break;
                    }
            }
        }

        return new Table(byName, [.. ideographs], [.. ideographs.Select(run => run.Prefix).Distinct(StringComparer.Ordinal)]);
    }

    private static int Hex(ReadOnlySpan<char> text) => int.Parse(text, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
}
