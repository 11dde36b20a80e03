namespace Kingsnake.Python.Tests.Differential;

/// <summary>
/// Each other CPython version's own tree (stdlib + site-packages) against that version's interpreter, with the dump in
/// that version's format and Kingsnake's grammar targeting that version. CI runs every 25th file; setting
/// KINGSNAKE_ORACLE_FULL=1 runs every file (each tree is about 2,300 files).
/// </summary>
public sealed class OtherVersionsAgreementTests(ITestOutputHelper output)
{
    private void Check(string version, int minimumSampleAgreeing)
    {
        Assert.True(CPythonOracle.Available(version), $"CPython {version} (the oracle for its own tree) is not installed");
        var full = Environment.GetEnvironmentVariable("KINGSNAKE_ORACLE_FULL") == "1";
        var tree = SampleFiles.Tree(version);
        var files = SampleFiles.Under(tree, every: full ? 1 : 25);
        var (agreeing, total, report) = CPythonOracle.Compare(version, files, maxReported: full ? 400 : 20);
        output.WriteLine($"{version} tree{(full ? "" : ", every 25th file")}: {agreeing}/{total} files agree (grammar target {CPythonOracle.Target(version)})");
        output.WriteLine(report);
        File.WriteAllText(Path.Combine(Path.GetTempPath(), $"kingsnake-corpus-{version}.txt"), $"{agreeing}/{total}\n{report}");
        Assert.True(total > (full ? 2000 : 80), $"only {total} files compared under {tree}");
        Assert.True(full ? agreeing == total : agreeing >= minimumSampleAgreeing, $"{version}: {agreeing}/{total} agree\n{report}");
    }

    [Fact]
    [Trait("Category", "Corpus")]
    public void Tree_38_agrees_with_cpython_38() => Check("3.8.18", minimumSampleAgreeing: 0);

    [Fact]
    [Trait("Category", "Corpus")]
    public void Tree_39_agrees_with_cpython_39() => Check("3.9.18", minimumSampleAgreeing: 0);

    [Fact]
    [Trait("Category", "Corpus")]
    public void Tree_310_agrees_with_cpython_310() => Check("3.10.13", minimumSampleAgreeing: 0);

    [Fact]
    [Trait("Category", "Corpus")]
    public void Tree_312_agrees_with_cpython_312() => Check("3.12.1", minimumSampleAgreeing: 0);
}
