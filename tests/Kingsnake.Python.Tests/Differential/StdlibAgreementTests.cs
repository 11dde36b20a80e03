namespace Kingsnake.Python.Tests.Differential;

public sealed class StdlibAgreementTests(ITestOutputHelper output)
{
    private const string Stdlib313 = "/root/.pyenv/versions/3.13.0/lib/python3.13";

    [Fact]
    [Trait("Category", "Corpus")]
    public void Top_level_stdlib_313_agrees_with_cpython()
    {
        Assert.SkipUnless(CPythonOracle.Available("3.13.0"), "CPython 3.13 not installed");
        var files = Directory.GetFiles(Stdlib313, "*.py").Order(StringComparer.Ordinal).ToList();
        var (agreeing, total, report) = CPythonOracle.Compare("3.13.0", files);
        output.WriteLine($"3.13 top-level stdlib: {agreeing}/{total} files agree");
        output.WriteLine(report);
        Assert.True(agreeing >= total, $"{agreeing}/{total}\n" + report);
    }
}
