using System.Diagnostics;
using System.Text;
using Kingsnake.Python.Ast;
using Kingsnake.Python.Parsing;
using Kingsnake.Python.Source;

namespace Kingsnake.Python.Tests.Differential;

/// <summary>What one parser said about one file: a dump, or a syntax error at a line.</summary>
public sealed record ParseOutcome(bool Ok, string Text, int Line)
{
    /// <summary>The oracle itself failed on this file (its instance died, or it gave no result): CPython said nothing.</summary>
    public bool OracleFailure => !Ok && Text.StartsWith("ERROR 0 0 OracleFailure", StringComparison.Ordinal);
}

/// <summary>
/// Runs CPython once over a batch of files and compares its ast.dump with Kingsnake's. Versions "3.8.18"…"3.13.0" are
/// the native pyenv interpreters; "3.14" and "3.15" are CPython 3.14.2 and 3.15.0rc1 as WebAssembly under node
/// (<see cref="PythonNextOracle"/>), installed on first use.
/// </summary>
public static class CPythonOracle
{
    /// <summary>cpython_dump.py as copied beside the test assembly; both kinds of oracle run it.</summary>
    public static string DumpScript => Path.Combine(AppContext.BaseDirectory, "Differential", "cpython_dump.py");

    public static string Interpreter(string version) => $"/root/.pyenv/versions/{version}/bin/python3";

    /// <summary>Whether the oracle can run: the pyenv interpreter exists, or the WebAssembly one installs.</summary>
    public static bool Available(string version)
    {
        if (!PythonNextOracle.Handles(version))
        {
            return File.Exists(Interpreter(version));
        }

        PythonNextOracle.EnsureInstalled();
        return true;
    }

    /// <summary>
    /// CPython's outcome for each file (by path as given). <paramref name="featureVersion"/> is ast.parse's
    /// feature_version: the grammar of an older minor version as that interpreter gates it. The WebAssembly oracles
    /// keep outcomes by file content between runs; <paramref name="useCache"/> off runs the interpreter regardless.
    /// </summary>
    public static Dictionary<string, ParseOutcome> Run(string version, IReadOnlyList<string> files, Version? featureVersion = null, bool useCache = true)
    {
        if (PythonNextOracle.Handles(version))
        {
            return PythonNextOracle.Run(version, files, featureVersion, useCache: useCache);
        }

        var arguments = new List<string> { DumpScript };
        if (featureVersion is not null)
        {
            arguments.AddRange(["--feature-version", $"{featureVersion.Major}.{featureVersion.Minor}"]);
        }

        var start = new ProcessStartInfo(Interpreter(version), arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardInputEncoding = new UTF8Encoding(false),
        };
        start.Environment["PYTHONIOENCODING"] = "utf-8:surrogateescape";
        using var process = Process.Start(start)!;
        var writer = Task.Run(() =>
        {
            foreach (var file in files)
            {
                process.StandardInput.Write(file + "\n");
            }

            process.StandardInput.Close();
        });
        var results = ReadRecords(process.StandardOutput);
        writer.Wait();
        process.WaitForExit();
        return results;
    }

    /// <summary>
    /// CPython's outcome for each source text, in order: each is written to a file of its own in a fresh temporary
    /// directory (as UTF-8, or as given for bytes) and the batch is run as files are.
    /// </summary>
    public static List<ParseOutcome> RunSources(string version, IReadOnlyList<string> sources, Version? featureVersion = null, bool useCache = true) =>
        RunSources(version, [.. sources.Select(s => new UTF8Encoding(false).GetBytes(s))], featureVersion, useCache);

    /// <inheritdoc cref="RunSources(string, IReadOnlyList{string}, Version?, bool)"/>
    public static List<ParseOutcome> RunSources(string version, IReadOnlyList<byte[]> sources, Version? featureVersion = null, bool useCache = true)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"kingsnake-sources-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var files = sources.Select((source, i) =>
            {
                var path = Path.Combine(dir, $"case{i:D6}.py");
                File.WriteAllBytes(path, source);
                return path;
            }).ToList();
            var results = Run(version, files, featureVersion, useCache);
            return [.. files.Select(f => results.TryGetValue(f, out var outcome) ? outcome : new ParseOutcome(false, "ERROR 0 0 OracleFailure: no result", 0))];
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Reads cpython_dump.py's records: a header line per file, then OK and the dump, or an ERROR line.</summary>
    public static Dictionary<string, ParseOutcome> ReadRecords(TextReader reader)
    {
        var results = new Dictionary<string, ParseOutcome>();
        string? current = null;
        string? line;
        var expectDump = false;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.StartsWith("\0FILE ", StringComparison.Ordinal))
            {
                current = line[6..];
                expectDump = false;
            }
            else if (current is not null && line == "OK")
            {
                expectDump = true;
            }
            else if (current is not null && expectDump)
            {
                results[current] = new ParseOutcome(true, line, 0);
                expectDump = false;
            }
            else if (current is not null && line.StartsWith("ERROR ", StringComparison.Ordinal))
            {
                results[current] = Outcome(line);
            }
        }

        return results;
    }

    /// <summary>An outcome from a record's result lines: "OK\n" and the dump, or the ERROR line.</summary>
    public static ParseOutcome Outcome(string result)
    {
        if (result.StartsWith("OK\n", StringComparison.Ordinal))
        {
            return new ParseOutcome(true, result[3..].TrimEnd('\n'), 0);
        }

        var line = result.TrimEnd('\n');
        return new ParseOutcome(false, line, int.TryParse(line.Split(' ')[1], out var l) ? l : 0);
    }

    /// <summary>The result lines of an outcome, as <see cref="Outcome"/> reads them.</summary>
    public static string Result(ParseOutcome outcome) => outcome.Ok ? "OK\n" + outcome.Text + "\n" : outcome.Text + "\n";

    public static ParseOutcome Kingsnake(string file, Version target) => Kingsnake(File.ReadAllBytes(file), target);

    /// <summary>What Kingsnake says about a source, in the oracle's terms: <paramref name="target"/>'s grammar and dump.</summary>
    public static ParseOutcome Kingsnake(byte[] source, Version target)
    {
        try
        {
            var parsed = PythonParser.Parse(source, target);
            return new ParseOutcome(true, AstDump.Dump(parsed.Module, includeAttributes: true, targetVersion: target), 0);
        }
        catch (PythonSyntaxError error)
        {
            return new ParseOutcome(false, $"ERROR {error.Line} {error.Column + 1} {error.Kind}: {error.Message}", error.Line);
        }
    }

    /// <summary>The grammar and dump version of an interpreter version ("3.12.1" → 3.12).</summary>
    public static Version Target(string version) => Version.Parse(version.Split('.')[0] + "." + version.Split('.')[1]);

    /// <summary>Agreement: both parse to the same dump, or both reject (on the same line).</summary>
    public static bool Agree(ParseOutcome expected, ParseOutcome actual) =>
        !expected.OracleFailure && (expected.Ok ? actual.Ok && expected.Text == actual.Text : !actual.Ok && expected.Line == actual.Line);

    /// <summary>The first place two dumps differ, with some context, for failure messages.</summary>
    public static string FirstDifference(string expected, string actual)
    {
        var i = 0;
        while (i < expected.Length && i < actual.Length && expected[i] == actual[i])
        {
            i++;
        }

        var from = Math.Max(0, i - 80);
        string Window(string s) => s.Length <= from ? "" : s.Substring(from, Math.Min(200, s.Length - from));
        return $"  cpython:   …{Window(expected)}\n  kingsnake: …{Window(actual)}";
    }

    /// <summary>Compares every file; returns the agreeing count and a report of the first disagreements.</summary>
    public static (int Agreeing, int Total, string Report) Compare(string version, IReadOnlyList<string> files, int maxReported = 15)
    {
        var target = Target(version);
        var expected = Run(version, files);
        var agreeing = 0;
        var report = new StringBuilder();
        var reported = 0;
        foreach (var file in files)
        {
            if (!expected.TryGetValue(file, out var cpython))
            {
                continue;
            }

            var ours = Kingsnake(file, target);
            if (Agree(cpython, ours))
            {
                agreeing++;
            }
            else if (cpython.OracleFailure)
            {
                // Not Kingsnake's disagreement: listed in full whatever maxReported says, so it is never missed.
                report.AppendLine($"{file}\n  oracle failure: CPython {version} gave no result ({cpython.Text})");
            }
            else if (reported++ < maxReported)
            {
                report.AppendLine(file);
                report.AppendLine(cpython.Ok && ours.Ok ? FirstDifference(cpython.Text, ours.Text) : $"  cpython: {(cpython.Ok ? "OK" : cpython.Text)}\n  kingsnake: {(ours.Ok ? "OK" : ours.Text)}");
            }
        }

        return (agreeing, expected.Count, report.ToString());
    }

    /// <summary>
    /// <see cref="Compare"/> for source texts (generated cases, snippets): each is compared with the oracle's outcome
    /// at the oracle's own target; the report names a case by its index and shows its source.
    /// </summary>
    public static (int Agreeing, int Total, string Report) CompareSources(string version, IReadOnlyList<string> sources, int maxReported = 15)
    {
        var target = Target(version);
        var expected = RunSources(version, sources);
        var agreeing = 0;
        var report = new StringBuilder();
        var reported = 0;
        for (var i = 0; i < sources.Count; i++)
        {
            var cpython = expected[i];
            var ours = Kingsnake(new UTF8Encoding(false).GetBytes(sources[i]), target);
            if (Agree(cpython, ours))
            {
                agreeing++;
            }
            else if (reported++ < maxReported)
            {
                var shown = sources[i].Length > 300 ? sources[i][..300] + "…" : sources[i];
                report.AppendLine($"case {i}: {shown.Replace("\n", "\\n", StringComparison.Ordinal)}");
                report.AppendLine(cpython.Ok && ours.Ok ? FirstDifference(cpython.Text, ours.Text) : $"  cpython: {(cpython.Ok ? "OK" : cpython.Text)}\n  kingsnake: {(ours.Ok ? "OK" : ours.Text)}");
            }
        }

        return (agreeing, sources.Count, report.ToString());
    }
}
