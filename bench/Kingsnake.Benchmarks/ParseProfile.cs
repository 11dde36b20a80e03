using System.Diagnostics;
using System.Globalization;
using Kingsnake.Python.Parsing;
using Kingsnake.Python.Source;
using Kingsnake.Python.Tokens;

namespace Kingsnake.Benchmarks;

/// <summary>
/// <c>parse-profile [ROUNDS] [TREE] [parse-only|parallel|retained|allocations]</c>: a steady loop for a sampling profiler (<c>perf record</c> with
/// <c>DOTNET_PerfMapEnabled=1</c>), printing per round the seconds and bytes allocated by each phase (decode and line
/// starts, tokenizer, whole parse) over every *.py of the tree, single-threaded; <c>retained</c> also measures what all the trees hold together, <c>allocations</c> samples the types allocated, <c>parallel</c> parses on all cores.
/// </summary>
internal static class ParseProfile
{
    // CPU seconds of the whole process (GC threads included) during the last phase: steadier than wall time on a
    // machine shared with other work.
    private static double LastCpuSeconds { get; set; }

    public static int Run(string[] args)
    {
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var tree = args.Length > 2 ? args[2] : "/root/.pyenv/versions/3.11.7/lib/python3.11";
        var parallel = args.Length > 3 && args[3] == "parallel";
        var parseOnly = args.Length > 3 && args[3] is "parse-only" or "allocations" or "parallel";
        var measureRetained = args.Length > 3 && args[3] == "retained";
        using var census = args.Length > 3 && args[3] == "allocations" ? new AllocationCensus() : null;
        var contents = Directory.EnumerateFiles(tree, "*.py", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        for (var round = 0; round < rounds; round++)
        {
            var source = parseOnly ? default : Phase(contents, bytes => SourceText.FromBytes(bytes));
            var tokens = parseOnly ? default : Phase(contents, bytes => Tokenizer.Run(SourceText.FromBytes(bytes)));
            var parse = parallel ? ParallelPhase(contents) : Phase(contents, bytes => PythonParser.Parse(bytes));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round}: source {source.Seconds:F3} s {source.Bytes / 1e6:F0} MB | tokenize {tokens.Seconds:F3} s {tokens.Bytes / 1e6:F0} MB | parse {parse.Seconds:F3} s {parse.Bytes / 1e6:F0} MB cpu {LastCpuSeconds:F3} s | gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}"));
        }

        census?.Print(40);
        if (!measureRetained)
        {
            return 0;
        }

        // What the trees themselves hold (everything else allocated while parsing was transient).
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var kept = new List<object>(contents.Count);
        Phase(contents, bytes =>
        {
            var parsed = PythonParser.Parse(bytes);
            kept.Add(parsed);
            return parsed;
        });
        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(kept);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trees and source texts of all files hold {retained / 1e6:F0} MB"));
        return 0;
    }

    private static (double Seconds, long Bytes) ParallelPhase(List<byte[]> contents)
    {
        GC.Collect();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(contents, bytes =>
        {
            try
            {
                PythonParser.Parse(bytes);
            }
            catch (PythonSyntaxError)
            {
            }
        });
        var wall = clock.Elapsed.TotalSeconds;
        LastCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        return (wall, GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }

    private static (double Seconds, long Bytes) Phase(List<byte[]> contents, Func<byte[], object> action)
    {
        GC.Collect();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        foreach (var bytes in contents)
        {
            try
            {
                GC.KeepAlive(action(bytes));
            }
            catch (PythonSyntaxError)
            {
            }
        }

        var wall = clock.Elapsed.TotalSeconds;
        LastCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        return (wall, GC.GetAllocatedBytesForCurrentThread() - allocated);
    }
}
