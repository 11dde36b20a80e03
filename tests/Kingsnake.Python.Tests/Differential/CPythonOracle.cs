using System.Diagnostics;
using System.Text;
using Kingsnake.Python.Ast;
using Kingsnake.Python.Parsing;
using Kingsnake.Python.Source;

namespace Kingsnake.Python.Tests.Differential;

/// <summary>What one parser said about one file: a dump, or a syntax error at a line.</summary>
public sealed record ParseOutcome(bool Ok, string Text, int Line);

/// <summary>Runs CPython once over a batch of files and compares its ast.dump with Kingsnake's.</summary>
public static class CPythonOracle
{
    public static string Interpreter(string version) => $"/root/.pyenv/versions/{version}/bin/python3";

    public static bool Available(string version) => File.Exists(Interpreter(version));

    public static Dictionary<string, ParseOutcome> Run(string version, IReadOnlyList<string> files)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Differential", "cpython_dump.py");
        var start = new ProcessStartInfo(Interpreter(version), [script])
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
        var results = new Dictionary<string, ParseOutcome>();
        string? current = null;
        string? line;
        var expectDump = false;
        while ((line = process.StandardOutput.ReadLine()) is not null)
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
                var parts = line.Split(' ');
                results[current] = new ParseOutcome(false, line, int.TryParse(parts[1], out var l) ? l : 0);
            }
        }

        writer.Wait();
        process.WaitForExit();
        return results;
    }

    public static ParseOutcome Kingsnake(string file, Version target)
    {
        try
        {
            var parsed = PythonParser.Parse(File.ReadAllBytes(file), target);
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
        expected.Ok ? actual.Ok && expected.Text == actual.Text : !actual.Ok && expected.Line == actual.Line;

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
            else if (reported++ < maxReported)
            {
                report.AppendLine(file);
                report.AppendLine(cpython.Ok && ours.Ok ? FirstDifference(cpython.Text, ours.Text) : $"  cpython: {(cpython.Ok ? "OK" : cpython.Text)}\n  kingsnake: {(ours.Ok ? "OK" : ours.Text)}");
            }
        }

        return (agreeing, expected.Count, report.ToString());
    }
}
