using System.Diagnostics;
using System.Globalization;
using System.Text;
using Kingsnake.Python.Ast;
using Kingsnake.Python.Parsing;
using Kingsnake.Python.Source;
using Kingsnake.Python.Tests.Differential;
using Assert = Xunit.Assert;

namespace Kingsnake.Python.Tests;

/// <summary>\N{...} escapes and escaped surrogates, checked against CPython 3.13 itself.</summary>
public sealed class UnicodeEscapeTests
{
    private static string RunPython(string script)
    {
        var start = new ProcessStartInfo(CPythonOracle.Interpreter("3.13.0"), [Path.Combine(AppContext.BaseDirectory, "Differential", script)])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
        };
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return text;
    }

    [Fact]
    [Trait("Category", "Corpus")]
    public void Every_name_cpython_accepts_is_accepted_and_every_name_it_rejects_is_rejected()
    {
        Assert.SkipUnless(CPythonOracle.Available("3.13.0"), "CPython 3.13 not installed");
        var accepted = new List<(string Name, int Code)>();
        var rejected = new List<(string Name, string Message)>();
        foreach (var line in RunPython("unicode_names.py").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = line.LastIndexOf('\t');
            var value = line[(tab + 1)..];
            if (value.StartsWith('!'))
            {
                rejected.Add((line[..tab], value[1..]));
            }
            else
            {
                accepted.Add((line[..tab], int.Parse(value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
            }
        }

        Assert.True(accepted.Count > 145_000, $"only {accepted.Count} names from CPython");

        // All accepted names in one file, one literal per line.
        var source = new StringBuilder();
        foreach (var (name, _) in accepted)
        {
            source.Append("'\\N{").Append(name).Append("}'\n");
        }

        var body = PythonParser.Parse(source.ToString()).Module.Body;
        var wrong = new List<string>();
        for (var i = 0; i < accepted.Count; i++)
        {
            var text = ((Constant)((Expr)body[i]).Value).Value.Text!;
            if (char.ConvertToUtf32(text, 0) != accepted[i].Code)
            {
                wrong.Add(accepted[i].Name);
            }
        }

        Assert.Empty(wrong.Take(20));
        Assert.True(rejected.Count >= 10);
        foreach (var (name, message) in rejected)
        {
            var error = Assert.Throws<PythonSyntaxError>(() => PythonParser.Parse("'\\N{" + name + "}'\n"));
            if (message != "unknown")
            {
                Assert.Equal(message, error.Message);
            }
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
}
