using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Kingsnake.Python.Tests.Differential;

/// <summary>
/// The generated new-syntax corpus (new_syntax_cases.py: t-strings and f-strings with every prefix and quote,
/// unparenthesised except types, lazy imports, unpacking in comprehensions; valid and invalid, nested) against each
/// CPython at its own grammar target: the same dump, or a rejection on the same line. 3.14 and 3.15 must agree on
/// every case; the older interpreters show that each target rejects what is newer than it, where that interpreter
/// does, and their ratchets hold the few differences left (printed).
/// </summary>
public sealed class NewSyntaxCorpusTests(ITestOutputHelper output)
{
    private static readonly Lazy<List<string>> Cases = new(WriteCases, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Runs the generator with a pyenv CPython and writes each case to a file of its own (one temp directory per run).</summary>
    private static List<string> WriteCases()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Differential", "new_syntax_cases.py");
        var start = new ProcessStartInfo(CPythonOracle.Interpreter("3.11.7"), [script])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
        };
        using var process = Process.Start(start)!;
        var directory = Directory.CreateTempSubdirectory("kingsnake-new-syntax-").FullName;
        var files = new List<string>();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            using var json = JsonDocument.Parse(line);
            var path = Path.Combine(directory, json.RootElement.GetProperty("name").GetString()! + ".py");
            File.WriteAllText(path, json.RootElement.GetProperty("source").GetString()!, new UTF8Encoding(false));
            files.Add(path);
        }

        process.WaitForExit();
        return files;
    }

    private void Check(string version, int? ratchet = null)
    {
        Assert.True(CPythonOracle.Available(version), $"CPython {version} (the oracle) is not available");
        var files = Cases.Value;
        var (agreeing, total, report) = CPythonOracle.Compare(version, files, maxReported: 30);
        output.WriteLine($"new-syntax corpus at {version}: {agreeing}/{total} cases agree");
        output.WriteLine(report);
        Assert.True(total >= 5_000, $"only {total} of {files.Count} cases compared");
        var minimum = ratchet ?? total;
        Assert.True(agreeing >= minimum, $"{version}: {agreeing}/{total} agree, below {minimum}\n{report}");
    }

    [Fact]
    [Trait("Category", "Corpus")]
    public void Every_case_agrees_with_cpython_315() => Check("3.15");

    [Fact]
    [Trait("Category", "Corpus")]
    public void Every_case_agrees_with_cpython_314() => Check("3.14");

    [Fact]
    [Trait("Category", "Corpus")]
    // The 4 left: "invalid syntax. Perhaps you forgot a comma?" on the line where a parenthesised concatenation
    // starts, where Kingsnake names the line of the t-string that 3.13 cannot read.
    public void Cases_agree_with_cpython_313() => Check("3.13.0", ratchet: 5241);

    [Fact]
    [Trait("Category", "Corpus")]
    // Left: 3.12.1's own f-string quirks (a ValueError for '{x:{y=}}', an empty Constant before '{{}}' in a spec) and the
    // 3.13 comma message above.
    public void Cases_agree_with_cpython_312() => Check("3.12.1", ratchet: 5217);

    [Fact]
    [Trait("Category", "Corpus")]
    // Left: pieces of f-string concatenations that CPython before 3.12 gave the first token's u'' kind, and the comma
    // message on multi-line t-strings that the older tokenizer reads as a name and a string.
    public void Cases_agree_with_cpython_311() => Check("3.11.7", ratchet: 5230);

    [Fact]
    [Trait("Category", "Corpus")]
    // Left: as for 3.11, and 3.8's grammar before PEP 617 (an unparenthesised walrus as a set or generator element).
    public void Cases_agree_with_cpython_38() => Check("3.8.18", ratchet: 5186);
}
