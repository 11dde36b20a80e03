namespace Kingsnake.Python.Tests.Differential;

/// <summary>
/// Each other CPython version's own tree (stdlib + site-packages) against that version's interpreter, with the dump in
/// that version's format and Kingsnake's grammar targeting that version. CI runs every 25th file; setting
/// KINGSNAKE_ORACLE_FULL=1 runs every file (each tree is about 2,300 files).
/// </summary>
public sealed class OtherVersionsAgreementTests(ITestOutputHelper output)
{
    /// <summary>Every file must agree unless a ratchet (sample, whole tree) is given for the differences left.</summary>
    private void Check(string version, (int Sample, int Full)? ratchet = null)
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
        var minimum = ratchet is { } r ? (full ? r.Full : r.Sample) : total;
        Assert.True(agreeing >= minimum, $"{version}: {agreeing}/{total} agree, below {minimum}\n{report}");
    }

    [Fact]
    [Trait("Category", "Corpus")]
    // What is left for 3.8 (32 of 2,288 files, 3 of the sample): 3.8's ast.c ended many nodes (Assign, Return,
    // Starred, a call's argument tuple…) at their last child's node, so a closing ')' around that child is outside
    // the span; Kingsnake prints the 3.9+ spans, which include it. Measured on the whole tree: 2,256/2,288.
    public void Tree_38_agrees_with_cpython_38() => Check("3.8.18", (Sample: 89, Full: 2256));

    [Fact]
    [Trait("Category", "Corpus")]
    public void Tree_39_agrees_with_cpython_39() => Check("3.9.18");

    [Fact]
    [Trait("Category", "Corpus")]
    public void Tree_310_agrees_with_cpython_310() => Check("3.10.13");

    [Fact]
    [Trait("Category", "Corpus")]
    public void Tree_312_agrees_with_cpython_312() => Check("3.12.1");
}
