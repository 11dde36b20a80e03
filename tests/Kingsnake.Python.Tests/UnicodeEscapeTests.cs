using Kingsnake.Python.Ast;
using Kingsnake.Python.Parsing;
using Kingsnake.Python.Source;
using Assert = Xunit.Assert;

namespace Kingsnake.Python.Tests;

/// <summary>\N{...} escapes and escaped surrogates (every name of every version: <see cref="UnicodeVersionTests"/>).</summary>
public sealed class UnicodeEscapeTests
{
    [Theory]
    // Names each version's \N{} takes or refuses (as CPython 3.8, 3.9, 3.13, 3.14 and 3.15 answer for these): 3.15 names
    // Tangut ideographs and takes the names made from code points and jamo in any case, but only in their own spelling;
    // 3.14 knows Unicode 16's Egyptian hieroglyphs; 3.8 took U+2EBE1, past the end of CJK extension F, for an ideograph.
    [InlineData("TANGUT IDEOGRAPH-17000", "3.14", -1)]
    [InlineData("TANGUT IDEOGRAPH-17000", "3.15", 0x17000)]
    [InlineData("tangut ideograph-18d1e", "3.15", 0x18D1E)]
    [InlineData("cjk unified ideograph-4e00", "3.14", -1)]
    [InlineData("cjk unified ideograph-4e00", "3.15", 0x4E00)]
    [InlineData("CJK UNIFIED IDEOGRAPH-04E00", "3.14", 0x4E00)]
    [InlineData("CJK UNIFIED IDEOGRAPH-04E00", "3.15", -1)]
    [InlineData("CJK UNIFIED IDEOGRAPH-323B0", "3.14", -1)]
    [InlineData("CJK UNIFIED IDEOGRAPH-323B0", "3.15", 0x323B0)]
    [InlineData("hangul syllable gag", "3.14", -1)]
    [InlineData("hangul syllable gag", "3.15", 0xAC01)]
    [InlineData("EGYPTIAN HIEROGLYPH-13460", "3.13", -1)]
    [InlineData("egyptian hieroglyph-13460", "3.14", 0x13460)]
    [InlineData("CJK UNIFIED IDEOGRAPH-2EBE1", "3.8", 0x2EBE1)]
    [InlineData("CJK UNIFIED IDEOGRAPH-2EBE1", "3.9", -1)]
    [InlineData("LATIN SMALL LETTER \u017fHARP \u017f", "3.15", -1)]
    public void Names_are_those_of_the_targets_unicode_database(string name, string target, int expected)
    {
        var source = "'\\N{" + name + "}'\n";
        if (expected < 0)
        {
            var error = Assert.Throws<PythonSyntaxError>(() => PythonParser.Parse(source, Version.Parse(target)));
            Assert.EndsWith("unknown Unicode character name", error.Message, StringComparison.Ordinal);
        }
        else
        {
            var text = ((Constant)((Expr)PythonParser.Parse(source, Version.Parse(target)).Module.Body[0]).Value).Value.Text!;
            Assert.Equal(expected, char.ConvertToUtf32(text, 0));
        }
    }

    [Theory]
    [InlineData("x = 1 + \"ab\\N{FOO}\"\n", "(unicode error) 'unicodeescape' codec can't decode bytes in position 2-8: unknown Unicode character name", 1, 8)]
    [InlineData("x = \"\u00e9\\N{FOO}\"\n", "(unicode error) 'unicodeescape' codec can't decode bytes in position 10-16: unknown Unicode character name", 1, 4)]
    [InlineData("x = \"\\N{}\"\n", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: malformed \\N character escape", 1, 4)]
    [InlineData("x = \"\\N\"\n", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: malformed \\N character escape", 1, 4)]
    [InlineData("x = \"\u00e9\\x4g\"\n", "(unicode error) 'unicodeescape' codec can't decode bytes in position 10-12: truncated \\xXX escape", 1, 4)]
    [InlineData("x = \"\\U0011ffff\"\n", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-9: illegal Unicode character", 1, 4)]
    [InlineData("x = f\"a{b}\\N{FOO}\"\n", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-6: unknown Unicode character name", 1, 17)]
    [InlineData("x = (\n\"abc\"\n\"d\\N{FOO}\")\n", "(unicode error) 'unicodeescape' codec can't decode bytes in position 1-7: unknown Unicode character name", 3, 0)]
    public void Bad_escapes_give_cpythons_message_and_position(string source, string message, int line, int column)
    {
        // Messages and positions as CPython 3.13 reports them for these lines.
        var error = Assert.Throws<PythonSyntaxError>(() => PythonParser.Parse(source));
        Assert.Equal(message, error.Message);
        Assert.Equal((line, column), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("'\\ud800\\udc00'", "'\\ud800\\udc00'")]
    [InlineData("'\\ud800' '\\udc00'", "'\\ud800\\udc00'")]
    [InlineData("'\\U0001F600\\udc00'", "'\U0001F600\\udc00'")]
    [InlineData("'\U0001F600'", "'\U0001F600'")]
    [InlineData("'\\ud83d\\ude00'", "'\\ud83d\\ude00'")]
    [InlineData("f'\\ud800{x}\\udc00'", "'\\ud800'")]
    [InlineData("'\\udc00\\ud800'", "'\\udc00\\ud800'")]
    [InlineData("'\"\\'\\ud800'", "'\"\\'\\ud800'")]
    public void Escaped_surrogates_stay_separate_code_points(string literal, string expectedRepr)
    {
        // Expected reprs are what CPython prints for these literals: Python never pairs surrogates written as escapes.
        var value = ((Expr)PythonParser.Parse(literal + "\n").Module.Body[0]).Value;
        var constant = value is JoinedStr joined ? (Constant)joined.Values[0] : (Constant)value;
        Assert.Equal(expectedRepr, PythonRepr.Of(constant.Value));
    }

    [Theory]
    [InlineData("3.11", "'\\u0cf3'")]
    [InlineData("3.13", "'\u0cf3'")]
    public void Repr_escapes_what_the_target_versions_unicode_database_does_not_know(string target, string expected)
    {
        // U+0CF3 came with Unicode 15.0: CPython 3.11 (Unicode 14) escapes it, 3.13 (15.1) prints it; .NET knows it too.
        Assert.Equal(expected, PythonRepr.String("\u0cf3", Version.Parse(target)));
        Assert.Equal("'\\U00014000'", PythonRepr.String("\U00014000", Version.Parse(target)));
    }

    [Theory]
    // U+1C89 came with Unicode 16.0 and U+16EA0 with 17.0: CPython 3.13 escapes both, 3.14 prints the first, 3.15 both.
    [InlineData("3.13", "'\\u1c89\\U00016ea0'")]
    [InlineData("3.14", "'\u1c89\\U00016ea0'")]
    [InlineData("3.15", "'\u1c89\U00016ea0'")]
    public void Repr_follows_unicode_16_and_17(string target, string expected) =>
        Assert.Equal(expected, PythonRepr.String("\u1c89\U00016ea0", Version.Parse(target)));
}
