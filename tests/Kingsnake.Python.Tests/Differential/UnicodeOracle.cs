using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Kingsnake.Python.Tests.Differential;

/// <summary>What one CPython's Unicode database says, as unicode_oracle.py prints it.</summary>
public sealed class UnicodeFacts
{
    public required int Minor { get; init; }

    public required string UnicodeVersion { get; init; }

    /// <summary>Identifiers CPython accepts and the name its parser gives each.</summary>
    public required List<(string Raw, string Name)> Identifiers { get; init; }

    /// <summary>Identifiers CPython rejects, with its message.</summary>
    public required List<(string Raw, string Message)> Rejected { get; init; }

    /// <summary>Names for <c>\N{}</c>: a code point in hex, or "!" and CPython's message.</summary>
    public required List<(string Name, string Verdict)> Names { get; init; }

    public required int[] PrintableFlips { get; init; }

    public bool IsPrintable(int codePoint)
    {
        var index = Array.BinarySearch(PrintableFlips, codePoint);
        return (index >= 0 ? index + 1 : ~index) % 2 == 1;
    }
}

/// <summary>
/// Runs unicode_oracle.py once per test process under each CPython 3.8–3.15: the pyenv interpreters natively, 3.14 and
/// 3.15 as WebAssembly under node (the npm packages pyodide@314.0.7 and pyodide@315.0.0-alpha.2) through the shared
/// oracle runner, tests/oracles/python-next (installed on first use, then <c>node run.mjs 3.14 SCRIPT</c>).
/// </summary>
public static class UnicodeOracle
{
    public static readonly IReadOnlyList<string> Versions = ["3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14", "3.15"];

    private static readonly Dictionary<string, string> Native = new()
    {
        ["3.8"] = "3.8.18",
        ["3.9"] = "3.9.18",
        ["3.10"] = "3.10.13",
        ["3.11"] = "3.11.7",
        ["3.12"] = "3.12.1",
        ["3.13"] = "3.13.0",
    };

    // Two at a time: the machine has two cores, and a WebAssembly CPython takes one for a good half-minute.
    private static readonly SemaphoreSlim Slots = new(2);

    // Every available interpreter is started on the first request, the slow WebAssembly ones first, so that the
    // oracles run while the tests of the versions already done check Kingsnake.
    private static readonly Lazy<Dictionary<string, Task<UnicodeFacts>>> Runs = new(() =>
        Versions.Where(v => Unavailable(v) is null).OrderBy(v => Native.ContainsKey(v)).ToDictionary(v => v, v => Task.Run(() => Run(v))));

    /// <summary>Why <paramref name="version"/>'s interpreter cannot run here, or null.</summary>
    public static string? Unavailable(string version)
    {
        if (Native.TryGetValue(version, out var full))
        {
            return CPythonOracle.Available(full) ? null : $"CPython {full} is not installed ({CPythonOracle.Interpreter(full)})";
        }

        return Node is null ? $"node is not installed: CPython {version} runs as WebAssembly (pyodide) under node" : null;
    }

    /// <summary>The facts of <paramref name="version"/> (run once, then kept); the test is skipped if its interpreter cannot run.</summary>
    public static UnicodeFacts Facts(string version)
    {
        Assert.SkipWhen(Unavailable(version) is not null, Unavailable(version) ?? "");
        return Runs.Value[version].GetAwaiter().GetResult();
    }

    private static string? Node { get; } = new[] { "/usr/bin/node", "/usr/local/bin/node" }.FirstOrDefault(File.Exists)
        ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => Path.Combine(dir, "node")).FirstOrDefault(File.Exists);

    private static UnicodeFacts Run(string version)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Differential", "unicode_oracle.py");
        List<string> command;
        if (Native.TryGetValue(version, out var full))
        {
            command = [CPythonOracle.Interpreter(full), script];
        }
        else
        {
            PythonNextOracle.EnsureInstalled();
            command = [Node!, Path.Combine(PythonNextOracle.Directory, "run.mjs"), version, script];
        }

        Slots.Wait();
        try
        {
            return Parse(version, RunToFiles(command, out _));
        }
        finally
        {
            Slots.Release();
        }
    }

    /// <summary>
    /// Runs a command with its output sent to files, not pipes: a WebAssembly CPython writing faster than a pipe is
    /// read may see EAGAIN and write a buffer twice, and a Python traceback under pyodide is a megabyte-long line.
    /// </summary>
    private static string RunToFiles(List<string> command, out string stderr)
    {
        var stem = Path.Combine(Path.GetTempPath(), $"kingsnake-unicode-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo("bash", ["-c", "\"$@\" >\"$KINGSNAKE_OUT\" 2>\"$KINGSNAKE_ERR\"", "bash", .. command]) { UseShellExecute = false };
        start.Environment["KINGSNAKE_OUT"] = stem + ".out";
        start.Environment["KINGSNAKE_ERR"] = stem + ".err";
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        try
        {
            using (var process = Process.Start(start)!)
            {
                process.WaitForExit();
                stderr = File.Exists(stem + ".err") ? File.ReadAllText(stem + ".err") : "";
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException($"{string.Join(' ', command)} exited with {process.ExitCode}:\n{stderr[..Math.Min(stderr.Length, 4000)]}");
                }
            }

            return File.ReadAllText(stem + ".out", new UTF8Encoding(false));
        }
        finally
        {
            File.Delete(stem + ".out");
            File.Delete(stem + ".err");
        }
    }

    private static UnicodeFacts Parse(string version, string text)
    {
        var identifiers = new List<(string, string)>();
        var rejected = new List<(string, string)>();
        var names = new List<(string, string)>();
        int[] flips = [];
        int? minor = null;
        var unicode = "";
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Split('\t');
            switch (fields[0])
            {
                case "V":
                    minor = int.Parse(fields[1], CultureInfo.InvariantCulture);
                    unicode = fields[2];
                    break;
                case "I":
                    identifiers.Add((fields[1], fields[2]));
                    break;
                case "X":
                    rejected.Add((fields[1], fields[2]));
                    break;
                case "N":
                    names.Add((fields[1], fields[2]));
                    break;
                case "P":
                    {
                        var code = 0;
                        flips = [.. fields[1].Split(',').Select(delta => code += int.Parse(delta, NumberStyles.HexNumber, CultureInfo.InvariantCulture))];
                        break;
                    }

                case "":
                    break;
                default:
                    throw new InvalidOperationException("unexpected oracle line: " + line);
            }
        }

        if (minor is null || $"3.{minor}" != version)
        {
            throw new InvalidOperationException($"the oracle for {version} reported {(minor is null ? "nothing" : $"3.{minor}")}");
        }

        return new UnicodeFacts { Minor = minor.Value, UnicodeVersion = unicode, Identifiers = identifiers, Rejected = rejected, Names = names, PrintableFlips = flips };
    }
}
