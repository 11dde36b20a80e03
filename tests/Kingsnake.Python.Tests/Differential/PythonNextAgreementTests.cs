namespace Kingsnake.Python.Tests.Differential;

/// <summary>
/// Kingsnake against CPython 3.14.2 and 3.15.0rc1 (WebAssembly builds under node, see tests/oracles/python-next) on
/// every .py file of those versions' own standard libraries, at their own grammar and dump targets: every file must
/// agree (before the 3.14/3.15 grammar landed: 556/559 and 12/598).
/// </summary>
public sealed class PythonNextAgreementTests(ITestOutputHelper output)
{
    private void Check(string version, int expectedFiles)
    {
        var files = SampleFiles.PythonNextStdlib(version);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (agreeing, total, report) = CPythonOracle.Compare(version, files, maxReported: 700);
        output.WriteLine($"CPython {PythonNextOracle.CPythonVersions[version]} stdlib: {agreeing}/{total} files agree (grammar target {version}), {clock.Elapsed.TotalSeconds:F1} s");
        output.WriteLine(report);
        File.WriteAllText(Path.Combine(Path.GetTempPath(), $"kingsnake-corpus-{version}.txt"), $"{agreeing}/{total}\n{report}");
        Assert.Equal(expectedFiles, files.Count);
        Assert.Equal(expectedFiles, total);
        Assert.True(agreeing == total, $"{version}: {agreeing}/{total} agree; every file must\n{report}");
    }

    [Fact]
    [Trait("Category", "Corpus")]
    // Among them the three files with 3.14 syntax: annotationlib.py and string/templatelib.py (t-strings), site.py
    // (except A, B:).
    public void Stdlib_314_agrees_with_cpython_314() => Check("3.14", expectedFiles: 559);

    [Fact]
    [Trait("Category", "Corpus")]
    // 3.15's dump format (no ctx=Load(), is_lazy on imports) and 29 files with 3.14/3.15 syntax (lazy imports,
    // t-strings, unparenthesised excepts).
    public void Stdlib_315_agrees_with_cpython_315() => Check("3.15", expectedFiles: 598);
}

/// <summary>
/// The WebAssembly oracles themselves: the pinned CPython, its own grammar, its feature_version gate, its errors. Each
/// batch loads an interpreter (about 3 s), so each version's checks share as few batches as they can. No cache: these
/// check the interpreter, not a copy of what it once said.
/// </summary>
public sealed class PythonNextOracleTests
{
    private static readonly string DeepSum = "x = " + string.Concat(Enumerable.Repeat("1+", 100_000)) + "1\n";

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
            // Overflows a default node stack and kills the instance: run.mjs's raised stack gives CPython's own error.
            DeepSum,
            "y = 2\n",
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

        Assert.Equal("ERROR 0 0 RecursionError", outcomes[5].Text);
        Assert.True(outcomes[6].Ok, outcomes[6].Text);

        // feature_version (3, 13) rejects PEP 758; CPython reports it where the whole except clause ends (line 4).
        var gated = CPythonOracle.RunSources(version, [sources[0]], featureVersion: new Version(3, 13), useCache: false);
        Assert.Equal("ERROR 4 9 SyntaxError", gated[0].Text);
    }

    [Fact]
    [Trait("Category", "Corpus")]
    public void A_dead_instance_is_reloaded_and_its_file_reported_as_an_oracle_failure()
    {
        // With node's default stack the deep sum kills the instance, as it would without run.mjs's raised stack
        // (KINGSNAKE_RUN_MJS_STACK says the raise is done, so run.mjs keeps the small one): the file before it must
        // keep its result, the culprit must be an oracle failure, and the file after it must be read by a new instance.
        var dir = Directory.CreateTempSubdirectory("kingsnake-dead-instance-").FullName;
        try
        {
            string[] files = [Path.Combine(dir, "a.py"), Path.Combine(dir, "deep.py"), Path.Combine(dir, "c.py")];
            File.WriteAllText(files[0], "a = 1\n");
            File.WriteAllText(files[1], DeepSum);
            File.WriteAllText(files[2], "try:\n    pass\nexcept A, B:\n    pass\n");
            var list = Path.Combine(dir, "files");
            var output = Path.Combine(dir, "out");
            File.WriteAllText(list, string.Concat(files.Select(f => f + "\n")));
            var start = new System.Diagnostics.ProcessStartInfo("node", ["--stack-size=900", Path.Combine(PythonNextOracle.Directory, "run.mjs"), "3.14", CPythonOracle.DumpScript, "--files", list, "--out", output])
            {
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["KINGSNAKE_RUN_MJS_STACK"] = "900";
            PythonNextOracle.EnsureInstalled();
            using var process = System.Diagnostics.Process.Start(start)!;
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, stderr);
            Assert.Contains("run.mjs: CPython 3.14 died (Maximum call stack size exceeded); reloading", stderr, StringComparison.Ordinal);
            // pyodide prints the whole WebAssembly stack on one line; run.mjs keeps the start of it.
            Assert.True(stderr.Length < 20_000, $"{stderr.Length} characters on stderr");

            using var reader = new StreamReader(output);
            var records = CPythonOracle.ReadRecords(reader);
            Assert.True(records[files[0]].Ok, records[files[0]].Text);
            Assert.True(records[files[1]].OracleFailure, records[files[1]].Text);
            Assert.True(records[files[2]].Ok, records[files[2]].Text);
            Assert.False(CPythonOracle.Agree(records[files[1]], new ParseOutcome(false, "ERROR 0 0 RecursionError", 0)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    [Trait("Category", "Corpus")]
    public void Cached_outcomes_are_what_the_interpreter_said()
    {
        // Sources no other run has: the first batch must run the interpreter and store each outcome under the
        // content's hash; then the same outcomes must come back from there, and compare with Kingsnake as files do.
        var cache = PythonNextOracle.CacheDirectory("3.14", null);
        Assert.SkipWhen(cache is null, "KINGSNAKE_ORACLE_CACHE=0: no cache");
        var unique = Guid.NewGuid();
        string[] sources = [$"x = 1  # {unique}\nif x:\n    y = f'{{x!r:>{{4}}}}'\n", $"# {unique}\ndef f(:\n    pass\n"];
        var first = CPythonOracle.RunSources("3.14", sources);
        foreach (var source in sources)
        {
            var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(source)));
            Assert.True(File.Exists(Path.Combine(cache, key)), source);
        }

        Assert.True(first[0].Ok, first[0].Text);
        Assert.Contains("JoinedStr(values=[FormattedValue(value=Name(id='x'", first[0].Text, StringComparison.Ordinal);
        Assert.Equal("ERROR 2 7 SyntaxError", first[1].Text);
        Assert.Equal(first, CPythonOracle.RunSources("3.14", sources));
        var (agreeing, total, report) = CPythonOracle.CompareSources("3.14", sources);
        Assert.Equal(2, total);
        Assert.True(agreeing == 2, report);
    }
}
