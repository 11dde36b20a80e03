using BenchmarkDotNet.Attributes;
using Kingsnake.Advisories.Index;
using Kingsnake.Packaging.Requirements;
using Kingsnake.Packaging.Specifiers;
using Kingsnake.Packaging.Versions;

namespace Kingsnake.Benchmarks;

/// <summary>The hot operations of a dependency audit, one by one.</summary>
[MemoryDiagnoser]
public class PackagingBenchmarks
{
    private readonly SpecifierSet _specifier = SpecifierSet.Parse(">=2.0,<3.0,!=2.1.*");
    private readonly PythonVersion _version = PythonVersion.Parse("2.5.1");

    [Benchmark]
    public PythonVersion ParseVersion() => PythonVersion.Parse("1!2.3.4rc1.post5.dev6+local.7");

    [Benchmark]
    public bool SpecifierContains() => _specifier.Contains(_version);

    [Benchmark]
    public Requirement ParseRequirement() => Requirement.Parse("requests[security,socks]>=2.8.1,==2.*; python_version >= \"3.8\" and sys_platform != \"win32\"");
}

[MemoryDiagnoser]
public class AdvisoryIndexBenchmarks
{
    private string _source = "";
    private string _cache = "";
    private AdvisoryDatabase? _database;

    [GlobalSetup]
    public void Setup()
    {
        _source = Path.Combine(SharedData.Locate(), "pypa-advisory-database");
        _cache = Directory.CreateTempSubdirectory("kingsnake-bench-").FullName;
        _database = AdvisoryDatabase.Open(_source, _cache);
    }

    [Benchmark]
    public int OpenCachedIndex() => AdvisoryDatabase.Open(_source, _cache).Status.VulnerabilityCount;

    [Benchmark]
    public int MatchDjango() => _database!.ForPackage("django").Count(v => v.Affects("3.2.0"));
}
