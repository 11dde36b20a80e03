using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Kingsnake.Python.Tests.Differential;

/// <summary>
/// CPython 3.14.2 and 3.15.0rc1 as WebAssembly (the pyodide npm packages in tests/oracles/python-next), run under
/// node by run.mjs. Installs them on first use, so a fresh clone's <c>dotnet test</c> needs nothing done by hand.
/// </summary>
public static class PythonNextOracle
{
    /// <summary>The oracle versions this class runs, as <see cref="CPythonOracle.Run"/> names them.</summary>
    public static readonly IReadOnlyList<string> Versions = ["3.14", "3.15"];

    /// <summary>The exact CPython each one is (what sys.version reports).</summary>
    public static readonly IReadOnlyDictionary<string, string> CPythonVersions = new Dictionary<string, string>
    {
        ["3.14"] = "3.14.2",
        ["3.15"] = "3.15.0rc1",
    };

    public static bool Handles(string version) => Versions.Contains(version);

    /// <summary>tests/oracles/python-next of the checkout these tests were built from.</summary>
    public static string Directory { get; } = FindDirectory();

    /// <summary>A version's standard library, unpacked from its package's python_stdlib.zip by install.sh.</summary>
    public static string Stdlib(string version) => Path.Combine(Directory, "stdlib", version);

    // One install per test process, however many tests ask at once; install.sh itself takes a lock against other
    // processes (.ci/run, a second test run) and returns at once when its stamp says it is done.
    private static readonly Lazy<string?> InstallError = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Installs the oracles if needed; throws with install.sh's output if that fails.</summary>
    public static void EnsureInstalled()
    {
        if (InstallError.Value is { } error)
        {
            throw new InvalidOperationException(error);
        }
    }

    private static string FindDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "oracles", "python-next");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tests/oracles/python-next not found above {AppContext.BaseDirectory}");
    }

    private static string? Install()
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Directory, "install.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? null : $"install.sh failed ({process.ExitCode}):\n{stdout}{stderr.Result}";
    }

    private static string Node => File.Exists("/usr/bin/node") ? "/usr/bin/node" : "node";

    /// <summary>
    /// CPython's outcome for each file, the files shared among <paramref name="processes"/> node processes (one per
    /// core by default; each pays a 3 s start-up, so small batches use one). A file that kills its instance is
    /// recorded as an oracle failure (<see cref="ParseOutcome.OracleFailure"/>) and the rest of the batch goes on.
    /// Outcomes are cached by file content (see <see cref="CacheDirectory"/>) unless <paramref name="useCache"/> is off.
    /// </summary>
    public static Dictionary<string, ParseOutcome> Run(string version, IReadOnlyList<string> files, Version? featureVersion = null, int? processes = null, bool useCache = true)
    {
        if (!Handles(version))
        {
            throw new ArgumentException($"not a WebAssembly oracle version: {version}", nameof(version));
        }

        EnsureInstalled();
        var cache = useCache ? CacheDirectory(version, featureVersion) : null;
        var merged = new Dictionary<string, ParseOutcome>();
        var keys = new Dictionary<string, string>();
        var missing = new List<string>();
        foreach (var file in files)
        {
            if (cache is not null && File.Exists(file))
            {
                var key = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
                keys[file] = key;
                if (File.Exists(Path.Combine(cache, key)))
                {
                    merged[file] = CPythonOracle.Outcome(ReadCached(Path.Combine(cache, key)));
                    continue;
                }
            }

            missing.Add(file);
        }

        if (missing.Count == 0)
        {
            return merged;
        }

        var count = Math.Max(1, Math.Min(processes ?? (missing.Count < 40 ? 1 : Environment.ProcessorCount), missing.Count));
        var work = Path.Combine(Path.GetTempPath(), $"kingsnake-oracle-{version}-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(work);
        try
        {
            // Interleaved, not halves: the standard library's big files cluster by name (test-like modules, encodings).
            var chunks = Enumerable.Range(0, count).Select(i => missing.Where((_, n) => n % count == i).ToList()).ToList();
            var results = chunks.Select((chunk, i) => Task.Run(() => RunOne(version, chunk, featureVersion, Path.Combine(work, $"part{i}")))).ToArray();
            foreach (var part in results)
            {
                foreach (var (file, outcome) in part.Result)
                {
                    merged[file] = outcome;
                    // An oracle failure says nothing about the file: it is tried again next time.
                    if (cache is not null && !outcome.OracleFailure && keys.TryGetValue(file, out var key))
                    {
                        WriteCached(Path.Combine(cache, key), CPythonOracle.Result(outcome));
                    }
                }
            }

            return merged;
        }
        finally
        {
            System.IO.Directory.Delete(work, recursive: true);
        }
    }

    // Gzipped: the dumps with positions are about 100 KB per file, a tenth of that compressed. Written aside and
    // moved into place, so a reader in another test process never sees half a file.
    private static string ReadCached(string path)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress), new UTF8Encoding(false));
        return reader.ReadToEnd();
    }

    private static void WriteCached(string path, string result)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        using (var writer = new StreamWriter(new GZipStream(File.Create(temporary), CompressionLevel.Fastest), new UTF8Encoding(false)))
        {
            writer.Write(result);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// Where outcomes are kept between runs (tests/oracles/python-next/cache, not committed), or null when
    /// KINGSNAKE_ORACLE_CACHE=0. An outcome depends only on the file's bytes once the interpreter (package-lock.json),
    /// the dump script and the feature version are fixed, so those name the directory and the content hash the file:
    /// a second run of the corpus tests parses only what changed, and a changed pin or script starts afresh.
    /// </summary>
    public static string? CacheDirectory(string version, Version? featureVersion)
    {
        if (Environment.GetEnvironmentVariable("KINGSNAKE_ORACLE_CACHE") == "0")
        {
            return null;
        }

        var identity = new StringBuilder()
            .Append(version).Append('\n')
            .Append(featureVersion?.ToString(2) ?? "-").Append('\n')
            .Append(File.ReadAllText(Path.Combine(Directory, "package-lock.json"))).Append('\n')
            .Append(File.ReadAllText(CPythonOracle.DumpScript));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity.ToString())))[..16];
        var prefix = $"{version}-{featureVersion?.ToString(2) ?? "own"}-";
        var dir = Path.Combine(Directory, "cache", prefix + hash);
        if (!System.IO.Directory.Exists(dir))
        {
            // What an older pin or dump script said is never read again: drop it rather than let it pile up.
            System.IO.Directory.CreateDirectory(Path.Combine(Directory, "cache"));
            foreach (var stale in System.IO.Directory.EnumerateDirectories(Path.Combine(Directory, "cache"), prefix + "*").Where(d => d != dir))
            {
                System.IO.Directory.Delete(stale, recursive: true);
            }

            System.IO.Directory.CreateDirectory(dir);
        }

        return dir;
    }

    private static Dictionary<string, ParseOutcome> RunOne(string version, List<string> files, Version? featureVersion, string stem)
    {
        var list = stem + ".files";
        var output = stem + ".out";
        File.WriteAllText(list, string.Concat(files.Select(f => f + "\n")), new UTF8Encoding(false));
        var arguments = new List<string> { Path.Combine(Directory, "run.mjs"), version, CPythonOracle.DumpScript, "--files", list, "--out", output };
        if (featureVersion is not null)
        {
            arguments.AddRange(["--feature-version", $"{featureVersion.Major}.{featureVersion.Minor}"]);
        }

        // run.mjs already reloads a dead instance; a node process that dies outright (a signal, out of memory) is
        // started again here on the same output, which cpython_dump.py resumes after recording the culprit.
        var diagnostics = new StringBuilder();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var (exitCode, _, stderr) = Execute(Node, arguments);
            if (exitCode == 0)
            {
                break;
            }

            diagnostics.AppendLine($"run.mjs {version} exited with {exitCode}: {stderr}");
        }

        Dictionary<string, ParseOutcome> results = [];
        if (File.Exists(output))
        {
            using var reader = new StreamReader(output, new UTF8Encoding(false));
            results = CPythonOracle.ReadRecords(reader);
        }

        foreach (var file in files.Where(f => !results.ContainsKey(f)))
        {
            results[file] = new ParseOutcome(false, $"ERROR 0 0 OracleFailure: no result\n{diagnostics}", 0);
        }

        return results;
    }

    /// <summary>What the interpreter itself says its version is (the first word of sys.version).</summary>
    public static string SysVersion(string version)
    {
        EnsureInstalled();
        var script = Path.Combine(Path.GetTempPath(), $"kingsnake-sys-version-{Guid.NewGuid():N}.py");
        File.WriteAllText(script, "import sys\nprint(sys.version.split()[0])\n");
        try
        {
            var (exitCode, stdout, stderr) = Execute(Node, [Path.Combine(Directory, "run.mjs"), version, script]);
            return exitCode == 0 ? stdout.Trim() : throw new InvalidOperationException($"run.mjs {version} exited with {exitCode}: {stderr}");
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>Runs a command; returns its exit code, its stdout and the end of its stderr (pyodide's errors can be huge).</summary>
    private static (int ExitCode, string Stdout, string Stderr) Execute(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        // Generous: about 20 s per 600 files is normal; a hung instance must not hang the test run.
        if (!process.WaitForExit(TimeSpan.FromMinutes(15)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        var text = stderr.Result;
        return (process.ExitCode, stdout.Result, text.Length > 4000 ? "…" + text[^4000..] : text);
    }
}
