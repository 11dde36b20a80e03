using System.Diagnostics;
using System.Globalization;
using Kingsnake.Python.Parsing;
using Kingsnake.Python.Source;
using Kingsnake.Python.Tokens;

namespace Kingsnake.Benchmarks;

/// <summary>
/// <c>parse-bench [TREE] [PYTHON]</c>: lines per second of Kingsnake's parser over every *.py of a tree (default the
/// CPython 3.11 tree with its site-packages), files read into memory first; single-threaded and on all cores; and, in
/// the same run, CPython's own <c>ast.parse</c> over the same files (only its parse loop is timed). Also the managed
/// memory held by the tree of the largest file.
/// </summary>
internal static class ParseBenchmark
{
    private const string DefaultTree = "/root/.pyenv/versions/3.11.7/lib/python3.11";
    private const string DefaultPython = "/root/.pyenv/versions/3.11.7/bin/python3";

    // Times only the loop over ast.parse, with every file already read into memory.
    private const string CPythonLoop = """
        import ast, sys, time, warnings
        warnings.filterwarnings("ignore")
        sources = [open(p, "rb").read() for p in open(sys.argv[1], encoding="utf-8").read().split("\n") if p]
        errors = 0
        start = time.perf_counter()
        for source in sources:
            try:
                ast.parse(source)
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                errors += 1
        print(time.perf_counter() - start, errors)
        """;

    public static int Run(string[] args)
    {
        var tree = args.Length > 1 ? args[1] : DefaultTree;
        var python = args.Length > 2 ? args[2] : DefaultPython;
        var paths = Directory.EnumerateFiles(tree, "*.py", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var contents = paths.Select(File.ReadAllBytes).ToList();
        long lines = 0;
        foreach (var bytes in contents)
        {
            lines += bytes.AsSpan().Count((byte)'\n');
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tree: {tree}: {paths.Count} files, {lines:N0} lines, {contents.Sum(c => (long)c.Length) / 1e6:F1} MB"));
        // The parallel figure depends on the collector (DOTNET_gcServer=1 gives each core its own heap): say which ran.
        Console.WriteLine($"GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, {System.Runtime.GCSettings.LatencyMode}");

        ParseAll(contents); // warm-up: JIT and tiering
        ParseAll(contents);
        var single = Time(() => ParseAll(contents), out var errors);
        var singleBest = Math.Min(single, Time(() => ParseAll(contents), out _));
        var tokenizeOnly = Time(() => TokenizeAll(contents), out _);
        tokenizeOnly = Math.Min(tokenizeOnly, Time(() => TokenizeAll(contents), out _));
        var parallel = Time(() => ParseAllParallel(contents), out _);
        parallel = Math.Min(parallel, Time(() => ParseAllParallel(contents), out _));
        var (cpython, cpythonErrors) = RunCPython(python, paths);

        var largest = contents.MaxBy(c => c.Length)!;
        var (retained, allocated) = MemoryOfLargest(largest);
        var largestName = paths[contents.IndexOf(largest)];

        Console.WriteLine();
        Console.WriteLine("| parser | files with errors | seconds | lines/s |");
        Console.WriteLine("|---|---:|---:|---:|");
        Row("Kingsnake, 1 thread", errors, singleBest, lines);
        Row($"Kingsnake, {Environment.ProcessorCount} cores", errors, parallel, lines);
        Row("(Kingsnake tokenizer alone, 1 thread)", errors, tokenizeOnly, lines);
        if (cpython > 0)
        {
            Row($"CPython ast.parse ({Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(python)))}), 1 thread", cpythonErrors, cpython, lines);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\nKingsnake single-threaded is {cpython / singleBest:F1}x ast.parse"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"largest file {largestName} ({largest.Length / 1e6:F2} MB, {largest.AsSpan().Count((byte)'\n'):N0} lines): tree and source text hold {retained / 1e6:F1} MB managed, {allocated / 1e6:F1} MB allocated while parsing"));
        return 0;
    }

    private static void Row(string name, int errors, double seconds, long lines) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {errors} | {seconds:F2} | {lines / seconds:N0} |"));

    private static double Time(Func<int> action, out int errors)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var clock = Stopwatch.StartNew();
        errors = action();
        return clock.Elapsed.TotalSeconds;
    }

    private static int ParseAll(List<byte[]> contents)
    {
        var errors = 0;
        foreach (var bytes in contents)
        {
            try
            {
                PythonParser.Parse(bytes);
            }
            catch (PythonSyntaxError)
            {
                errors++;
            }
        }

        return errors;
    }

    private static int TokenizeAll(List<byte[]> contents)
    {
        var errors = 0;
        foreach (var bytes in contents)
        {
            try
            {
                Tokenizer.Run(SourceText.FromBytes(bytes));
            }
            catch (PythonSyntaxError)
            {
                errors++;
            }
        }

        return errors;
    }

    private static int ParseAllParallel(List<byte[]> contents)
    {
        var errors = 0;
        Parallel.ForEach(contents, bytes =>
        {
            try
            {
                PythonParser.Parse(bytes);
            }
            catch (PythonSyntaxError)
            {
                Interlocked.Increment(ref errors);
            }
        });
        return errors;
    }

    private static (double Seconds, int Errors) RunCPython(string python, List<string> paths)
    {
        if (!File.Exists(python))
        {
            Console.WriteLine($"{python} not found: no CPython figure");
            return (0, 0);
        }

        var list = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(list, paths);
            var start = new ProcessStartInfo(python, ["-c", CPythonLoop, list]) { RedirectStandardOutput = true, UseShellExecute = false };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd().Split(' ', StringSplitOptions.TrimEntries);
            process.WaitForExit();
            return (double.Parse(output[0], CultureInfo.InvariantCulture), int.Parse(output[1], CultureInfo.InvariantCulture));
        }
        finally
        {
            File.Delete(list);
        }
    }

    private static (long Retained, long Allocated) MemoryOfLargest(byte[] largest)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var parsed = PythonParser.Parse(largest);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(parsed);
        return (after - before, allocated);
    }
}
