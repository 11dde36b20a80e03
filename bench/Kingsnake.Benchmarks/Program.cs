using BenchmarkDotNet.Running;

namespace Kingsnake.Benchmarks;

/// <summary>
/// <c>fixtures DIR</c> writes the inputs the whole-process benchmarks (bench/run.sh) time;
/// <c>parse-bench [TREE] [PYTHON]</c> times the Python parser against CPython's ast.parse (see <see cref="ParseBenchmark"/>);
/// <c>parse-profile [ROUNDS] [TREE]</c> loops the parser's phases for a profiler (see <see cref="ParseProfile"/>);
/// anything else runs the BenchmarkDotNet micro-benchmarks (pass BenchmarkDotNet's own arguments, e.g. <c>--filter *</c>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["fixtures", var directory])
        {
            var sharedData = SharedData.Locate();
            var lockfile = LockfileFixture.WriteUvLock(Path.Combine(directory, "lock-2000"), sharedData, 2000);
            Console.WriteLine(lockfile);
            return 0;
        }

        if (args is ["parse-profile", ..])
        {
            return ParseProfile.Run(args);
        }

        if (args is ["parse-bench", ..])
        {
            return ParseBenchmark.Run(args);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
