namespace Kingsnake.Python.Parsing;

/// <summary>
/// Character names for <c>\N{...}</c> escapes. .NET carries no Unicode name table, so this knows the names that
/// Python source commonly uses; an unknown name is reported as CPython reports it.
/// </summary>
internal static class UnicodeNames
{
    private static readonly Dictionary<string, int> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["EM DASH"] = 0x2014,
        ["EN DASH"] = 0x2013,
        ["BULLET"] = 0x2022,
        ["HORIZONTAL ELLIPSIS"] = 0x2026,
        ["NO-BREAK SPACE"] = 0x00A0,
        ["NBSP"] = 0x00A0,
        ["DEGREE SIGN"] = 0x00B0,
        ["COPYRIGHT SIGN"] = 0x00A9,
        ["REGISTERED SIGN"] = 0x00AE,
        ["GREEK SMALL LETTER ALPHA"] = 0x03B1,
        ["GREEK SMALL LETTER BETA"] = 0x03B2,
        ["GREEK SMALL LETTER PI"] = 0x03C0,
        ["GREEK CAPITAL LETTER OMEGA"] = 0x03A9,
        ["EURO SIGN"] = 0x20AC,
        ["POUND SIGN"] = 0x00A3,
        ["LEFT-POINTING DOUBLE ANGLE QUOTATION MARK"] = 0x00AB,
        ["RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK"] = 0x00BB,
        ["LEFT DOUBLE QUOTATION MARK"] = 0x201C,
        ["RIGHT DOUBLE QUOTATION MARK"] = 0x201D,
        ["LEFT SINGLE QUOTATION MARK"] = 0x2018,
        ["RIGHT SINGLE QUOTATION MARK"] = 0x2019,
        ["ZERO WIDTH SPACE"] = 0x200B,
        ["ZERO WIDTH NO-BREAK SPACE"] = 0xFEFF,
        ["BYTE ORDER MARK"] = 0xFEFF,
        ["REPLACEMENT CHARACTER"] = 0xFFFD,
        ["LATIN SMALL LETTER E WITH ACUTE"] = 0x00E9,
        ["LATIN CAPITAL LETTER E WITH ACUTE"] = 0x00C9,
        ["LATIN SMALL LETTER SHARP S"] = 0x00DF,
        ["SPACE"] = 0x20,
        ["NULL"] = 0,
        ["LINE FEED"] = 10,
        ["CARRIAGE RETURN"] = 13,
        ["CHARACTER TABULATION"] = 9,
        ["EMPTY SET"] = 0x2205,
        ["SNOWMAN"] = 0x2603,
        ["BLACK STAR"] = 0x2605,
        ["CHECK MARK"] = 0x2713,
        ["HEAVY CHECK MARK"] = 0x2714,
        ["MULTIPLICATION SIGN"] = 0x00D7,
        ["DIVISION SIGN"] = 0x00F7,
        ["INFINITY"] = 0x221E,
        ["RIGHTWARDS ARROW"] = 0x2192,
        ["LEFTWARDS ARROW"] = 0x2190,
        ["LINE SEPARATOR"] = 0x2028,
        ["PARAGRAPH SEPARATOR"] = 0x2029,
        ["ESCAPE"] = 0x1B,
    };

    /// <summary>The code point named <paramref name="name"/>, or -1.</summary>
    public static int Lookup(string name) => Known.TryGetValue(name, out var value) ? value : -1;
}
