using Kingsnake.Python.Ast;
using Kingsnake.Python.Parsing;
using Kingsnake.Python.Source;
using Assert = Xunit.Assert;

namespace Kingsnake.Python.Tests;

/// <summary>Non-ASCII identifiers: accepted and rejected as the target CPython does, and named by their NFKC form as its parser names them (every code point, every version: <see cref="UnicodeVersionTests"/>).</summary>
public sealed class IdentifierNormalizationTests
{
    [Theory]
    [InlineData("ｗｉｄｔｈ", "width")]
    [InlineData("\u00b5", "\u03bc")]
    [InlineData("e\u0301", "\u00e9")]
    [InlineData("\u1100\u1161\u11a8", "\uac01")]
    [InlineData("\ufb01le", "file")]
    [InlineData("caf\u00e9", "caf\u00e9")]
    public void Identifier_takes_its_nfkc_form(string written, string name)
    {
        var module = PythonParser.Parse(written + " = 1\n").Module;
        var target = Assert.IsType<Name>(Assert.IsType<Assign>(module.Body[0]).Targets[0]);
        Assert.Equal(name, target.Id);
    }

    [Theory]
    // What CPython 3.13 (Unicode 15.1), 3.14 (16.0) and 3.15 (17.0) make of letters and marks the later versions added:
    // U+1C89 CYRILLIC CAPITAL LETTER TJE and U+0897 ARABIC PEPET (a mark, so not first) came with 16.0, U+16EA0 BERIA
    // ERFE CAPITAL LETTER ARKAB with 17.0; 16.0's Kirat Rai vowel signs compose (U+16D67 twice is U+16D68).
    [InlineData("\u1c89", "3.13", "error: invalid non-printable character U+1C89")]
    [InlineData("\u1c89", "3.14", "\u1c89")]
    [InlineData("a\u0897", "3.13", "error: invalid non-printable character U+0897")]
    [InlineData("a\u0897", "3.14", "a\u0897")]
    [InlineData("\u0897", "3.14", "error: invalid character '\u0897' (U+0897)")]
    [InlineData("\U00016ea0", "3.14", "error: invalid non-printable character U+16EA0")]
    [InlineData("\U00016ea0", "3.15", "\U00016ea0")]
    [InlineData("a\U00016d67\U00016d67", "3.14", "a\U00016d68")]
    [InlineData("a\U00016d67\U00016d67", "3.13", "error: invalid non-printable character U+16D67")]
    public void Identifiers_follow_the_targets_unicode_database(string written, string target, string expected)
    {
        string ours;
        try
        {
            ours = Assert.IsType<Name>(Assert.IsType<Expr>(PythonParser.Parse(written + "\n", Version.Parse(target)).Module.Body[0]).Value).Id;
        }
        catch (PythonSyntaxError error)
        {
            ours = "error: " + error.Message;
        }

        Assert.Equal(expected, ours);
    }

    [Theory]
    // CPython's tokenizer names the character only if its str.isprintable() accepts it: a no-break space, an
    // unassigned code point and a zero-width space are "non-printable" (as CPython 3.13 reports these lines).
    [InlineData("x = \u00a0\n", "invalid non-printable character U+00A0")]
    [InlineData("x = a\u0378\n", "invalid non-printable character U+0378")]
    [InlineData("x = \u200b\n", "invalid non-printable character U+200B")]
    [InlineData("x = \u20ac\n", "invalid character '\u20ac' (U+20AC)")]
    public void Invalid_characters_are_shown_when_cpython_finds_them_printable(string source, string message)
    {
        var error = Assert.Throws<PythonSyntaxError>(() => PythonParser.Parse(source, new Version(3, 13)));
        Assert.Equal(message, error.Message);
    }
}
