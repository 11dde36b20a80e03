using System.Diagnostics;
using System.Text;
using Kingsnake.Python.Ast;
using Kingsnake.Python.Parsing;
using Kingsnake.Python.Source;
using Kingsnake.Python.Tests.Differential;
using Assert = Xunit.Assert;

namespace Kingsnake.Python.Tests;

/// <summary>Non-ASCII identifiers: accepted and rejected as CPython 3.13 does, and named by their NFKC form as its parser names them.</summary>
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

    [Fact]
    [Trait("Category", "Corpus")]
    public void Every_identifier_character_gets_the_name_cpython_gives_it()
    {
        Assert.SkipUnless(CPythonOracle.Available("3.13.0"), "CPython 3.13 not installed");
        var start = new ProcessStartInfo(CPythonOracle.Interpreter("3.13.0"), [Path.Combine(AppContext.BaseDirectory, "Differential", "nfkc_identifiers.py")])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
        };
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(start)!;
        var pairs = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t')).ToList();
        process.WaitForExit();
        Assert.True(pairs.Count > 130_000, $"only {pairs.Count} identifiers from CPython");

        // One identifier per parse, so that a character we wrongly reject shows up as one difference, not a failed run.
        var wrong = new List<string>();
        foreach (var pair in pairs)
        {
            string ours;
            try
            {
                ours = Assert.IsType<Name>(Assert.IsType<Expr>(PythonParser.Parse(pair[0] + "\n").Module.Body[0]).Value).Id;
            }
            catch (PythonSyntaxError error)
            {
                ours = "error: " + error.Message;
            }

            if (pair[1] == "!" ? !ours.StartsWith("error: ", StringComparison.Ordinal) : ours != pair[1])
            {
                wrong.Add($"{pair[0]} ({string.Join(' ', pair[0].EnumerateRunes().Select(rune => $"U+{rune.Value:X4}"))}): cpython {pair[1]}, kingsnake {ours}");
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} identifiers differ:\n" + string.Join('\n', wrong.Take(30)));
    }
}
