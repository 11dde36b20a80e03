namespace Kingsnake.Python.Tests.Differential;

/// <summary>
/// Kingsnake's ast.dump against CPython 3.13's on real files. Each test is a ratchet: the agreement measured when it
/// was last raised must not fall (the goal is all files); the disagreements are printed so progress is visible.
/// </summary>
public sealed class StdlibAgreementTests(ITestOutputHelper output)
{
    private void Check(string label, List<string> files, int minimumAgreeing)
    {
        Assert.SkipUnless(CPythonOracle.Available("3.13.0"), "CPython 3.13 not installed");
        var (agreeing, total, report) = CPythonOracle.Compare("3.13.0", files);
        output.WriteLine($"{label}: {agreeing}/{total} files agree");
        output.WriteLine(report);
        Assert.True(total > 0, "no files compared");
        Assert.True(agreeing >= minimumAgreeing, $"{label}: {agreeing}/{total} agree, below the ratchet of {minimumAgreeing}\n{report}");
    }

    [Fact]
    [Trait("Category", "Corpus")]
    public void Top_level_stdlib_313_agrees_with_cpython() =>
        Check("3.13 top-level stdlib", SampleFiles.Under(SampleFiles.Stdlib313, SearchOption.TopDirectoryOnly), minimumAgreeing: 152);

    [Fact]
    [Trait("Category", "Corpus")]
    public void Cpython_grammar_tests_agree_with_cpython() =>
        Check("3.13 grammar tests", [.. new[] { "test_grammar.py", "test_patma.py", "test_fstring.py", "test_syntax.py", "test_type_params.py", "test_exceptions.py", "test_unparse.py", "test_string_literals.py", "test_tokenize.py", "test_ast/test_ast.py" }
            .Select(name => Path.Combine(SampleFiles.Stdlib313, "test", name)).Where(File.Exists)], minimumAgreeing: 5);

    [Fact]
    [Trait("Category", "Corpus")]
    public void Stdlib_313_sample_agrees_with_cpython() =>
        Check("3.13 stdlib, every 10th file", SampleFiles.Under(SampleFiles.Stdlib313, every: 10), minimumAgreeing: 209);
}
