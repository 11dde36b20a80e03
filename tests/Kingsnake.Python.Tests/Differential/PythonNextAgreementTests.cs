namespace Kingsnake.Python.Tests.Differential;

/// <summary>
/// Kingsnake against CPython 3.14.2 and 3.15.0rc1 (WebAssembly builds under node, see tests/oracles/python-next) on
/// every .py file of those versions' own standard libraries, at their own grammar and dump targets. Ratchets: the
/// parser does not read 3.14/3.15 yet, so the floor is what agreed when the test was written; the goal is every file.
/// </summary>
public sealed class PythonNextAgreementTests(ITestOutputHelper output)
{
    private void Check(string version, int expectedFiles, int minimumAgreeing)
    {
        var files = SampleFiles.PythonNextStdlib(version);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (agreeing, total, report) = CPythonOracle.Compare(version, files, maxReported: 700);
        output.WriteLine($"CPython {PythonNextOracle.CPythonVersions[version]} stdlib: {agreeing}/{total} files agree (grammar target {version}), {clock.Elapsed.TotalSeconds:F1} s");
        output.WriteLine(report);
        File.WriteAllText(Path.Combine(Path.GetTempPath(), $"kingsnake-corpus-{version}.txt"), $"{agreeing}/{total}\n{report}");
        Assert.Equal(expectedFiles, files.Count);
        Assert.Equal(expectedFiles, total);
        Assert.True(agreeing >= minimumAgreeing, $"{version}: {agreeing}/{total} agree, below the ratchet of {minimumAgreeing}\n{report}");
    }

    [Fact]
    [Trait("Category", "Corpus")]
    // Measured when written: 556/559. The three others are the files that use 3.14 syntax (annotationlib.py and
    // string/templatelib.py: t-strings; site.py: except A, B:).
    public void Stdlib_314_agrees_with_cpython_314() => Check("3.14", expectedFiles: 559, minimumAgreeing: 556);

    [Fact]
    [Trait("Category", "Corpus")]
    // Measured when written: 12/598. Nearly every dump differs only in 3.15's format (no ctx=Load(), is_lazy on
    // imports); 29 files also use 3.14/3.15 syntax (lazy imports, t-strings, unparenthesised excepts).
    public void Stdlib_315_agrees_with_cpython_315() => Check("3.15", expectedFiles: 598, minimumAgreeing: 12);
}

/// <summary>
/// The WebAssembly oracles themselves: the pinned CPython, its own grammar, its feature_version gate, its errors. Each
/// batch loads an interpreter (about 3 s), so each version's checks share as few batches as they can. No cache: these
/// check the interpreter, not a copy of what it once said.
/// </summary>
public sealed class PythonNextOracleTests
{
    [Theory]
    [Trait("Category", "Corpus")]
    [InlineData("3.14", "3.14.2")]
    [InlineData("3.15", "3.15.0rc1")]
    public void Oracle_is_the_pinned_cpython_with_its_own_grammar(string version, string release)
    {
        Assert.True(CPythonOracle.Available(version));
        Assert.Equal(release, PythonNextOracle.CPythonVersions[version]);
        Assert.Equal(release, PythonNextOracle.SysVersion(version));

        string[] sources =
        [
            "try:\n    pass\nexcept A, B:\n    pass\n",
            "def f(:\n    pass\n",
            "lazy import json\n",
            "[*x for x in y]\n",
            "lazy = 1\nlazy\n",
        ];
        var outcomes = CPythonOracle.RunSources(version, sources, useCache: false);
        Assert.All(outcomes, o => Assert.False(o.OracleFailure, o.Text));
        // PEP 758 (3.14): the types become one Tuple spanning A to B.
        Assert.True(outcomes[0].Ok, outcomes[0].Text);
        Assert.Contains("handlers=[ExceptHandler(type=Tuple(elts=[Name(id='A'", outcomes[0].Text, StringComparison.Ordinal);
        Assert.Contains("lineno=3, col_offset=7, end_lineno=3, end_col_offset=11)", outcomes[0].Text, StringComparison.Ordinal);
        Assert.Equal("ERROR 1 7 SyntaxError", outcomes[1].Text);
        // PEP 810 and PEP 798 are 3.15's; 'lazy' stays a plain name elsewhere in both.
        Assert.Equal(version == "3.15", outcomes[2].Ok);
        Assert.Equal(version == "3.15", outcomes[3].Ok);
        Assert.True(outcomes[4].Ok, outcomes[4].Text);
        Assert.Contains("ctx=Store()", outcomes[4].Text, StringComparison.Ordinal);
        if (version == "3.15")
        {
            Assert.Contains("is_lazy=1", outcomes[2].Text, StringComparison.Ordinal);
            Assert.Contains("ListComp(elt=Starred(", outcomes[3].Text, StringComparison.Ordinal);
            // 3.15's dump leaves out ctx=Load(), and only that.
            Assert.DoesNotContain("ctx=Load()", outcomes[4].Text, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("ctx=Load()", outcomes[4].Text, StringComparison.Ordinal);
        }

        // feature_version (3, 13) rejects PEP 758; CPython reports it where the whole except clause ends (line 4).
        var gated = CPythonOracle.RunSources(version, [sources[0]], featureVersion: new Version(3, 13), useCache: false);
        Assert.Equal("ERROR 4 9 SyntaxError", gated[0].Text);
    }

    [Fact]
    [Trait("Category", "Corpus")]
    public void Deep_recursion_is_cpythons_own_error_and_the_batch_goes_on()
    {
        // A 100,000-term sum overflows a default node stack and kills the instance; run.mjs's raised stack must give
        // CPython's RecursionError instead, and the files after it must still be read.
        var outcomes = CPythonOracle.RunSources("3.14", ["x = " + string.Concat(Enumerable.Repeat("1+", 100_000)) + "1\n", "y = 2\n"], useCache: false);
        Assert.Equal("ERROR 0 0 RecursionError", outcomes[0].Text);
        Assert.True(outcomes[1].Ok, outcomes[1].Text);
    }

    [Fact]
    [Trait("Category", "Corpus")]
    public void Cached_outcomes_are_what_the_interpreter_said()
    {
        // A source no other run has: the first batch must run the interpreter and store its outcome under the
        // content's hash, the second must give back the same outcome from there.
        var cache = PythonNextOracle.CacheDirectory("3.15", null);
        Assert.SkipWhen(cache is null, "KINGSNAKE_ORACLE_CACHE=0: no cache");
        var source = $"x = 1  # {Guid.NewGuid()}\nif x:\n    y = f'{{x!r:>{{4}}}}'\n";
        var first = CPythonOracle.RunSources("3.15", [source]);
        var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(source)));
        var cached = Path.Combine(cache, key);
        Assert.True(File.Exists(cached), cached);
        Assert.True(first[0].Ok, first[0].Text);
        Assert.Contains("JoinedStr(values=[FormattedValue(value=Name(id='x'", first[0].Text, StringComparison.Ordinal);
        Assert.Equal(first, CPythonOracle.RunSources("3.15", [source]));
    }

    [Fact]
    [Trait("Category", "Corpus")]
    public void Sources_compare_as_files_do()
    {
        // Both parse "x = 1" alike under 3.14; the second case is a rejection on line 1 in both.
        var (agreeing, total, report) = CPythonOracle.CompareSources("3.14", ["x = 1\n", "def f(:\n    pass\n"]);
        Assert.Equal(2, total);
        Assert.True(agreeing == 2, report);
    }
}
