using BenchmarkDotNet.Running;

namespace Kingsnake.Benchmarks;

/// <summary>
/// <c>fixtures DIR</c> writes the inputs the whole-process benchmarks (bench/run.sh) time;
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

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
