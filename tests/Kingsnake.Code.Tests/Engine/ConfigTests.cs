using Kingsnake.Code.Configuration;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Tests.Support;
using Kingsnake.Core.Findings;

namespace Kingsnake.Code.Tests.Engine;

/// <summary>Bandit configuration read as is: .bandit INI, [tool.bandit], YAML by explicit path.</summary>
public class ConfigTests
{
    // An assert Kingsnake mode reports (it guards an authorization), so skipping B101 is seen in either mode.
    private const string SubprocessAndAssert = "import subprocess\nsubprocess.call(cmd, shell=True)\nassert user.is_admin\n";

    [Fact]
    public void Dot_bandit_ini_skips_tests_and_excludes_dirs()
    {
        using var tree = new TempTree()
            .Write(".bandit", "[other]\nskips = B602\n[bandit]\nskips = B101\nexclude = ./vendored,gen\n")
            .Write("app.py", SubprocessAndAssert)
            .Write("vendored/lib.py", SubprocessAndAssert)
            .Write("src/gen/x.py", SubprocessAndAssert);
        var scan = new CodeAuditor().Scan(tree.Root, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["app.py"], scan.Files.Select(f => f.Path));
        Assert.Equal(["B602"], scan.Findings.Select(f => f.Rule.Aliases[0])); // the bare import is Bandit mode's (below)
        var bandit = new CodeAuditor(new CodeAuditOptions { Compatibility = CodeCompatibility.Bandit }).Scan(tree.Root, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["app.py"], bandit.Files.Select(f => f.Path));
        Assert.Equal(["B404", "B602"], bandit.Findings.Select(f => f.Rule.Aliases[0]));
    }

    [Fact]
    public void Pyproject_tool_bandit_tests_allow_list_and_plugin_options()
    {
        using var tree = new TempTree()
            .Write("pyproject.toml", "[project]\nname='x'\n[tool.bandit]\ntests = ['B108', 'B101']\nexclude_dirs = ['generated']\n[tool.bandit.hardcoded_tmp_directory]\ntmp_dirs = ['/scratch']\n[tool.bandit.assert_used]\nskips = ['*/legacy_*.py']\n")
            .Write("a.py", "p = open('/scratch/x', 'w')\nq = open('/tmp/y', 'w')\nassert p.verified\n" + SubprocessAndAssert)
            .Write("pkg/legacy_a.py", "assert user.is_admin\n")
            .Write("generated/t.py", "q = open('/scratch/y', 'w')\n");
        var findings = new CodeAuditor().Scan(tree.Root, cancellationToken: TestContext.Current.CancellationToken).Findings.Select(f => (f.Location.Path, f.Rule.Aliases[0], f.Location.StartLine)).ToList();
        Assert.Equal([("a.py", "B108", 1), ("a.py", "B101", 3), ("a.py", "B101", 6)], findings);
    }

    [Fact]
    public void Yaml_config_by_explicit_path_sets_shell_injection_lists_and_typed_exceptions()
    {
        using var tree = new TempTree()
            .Write("conf/bandit.yaml", "skips: [B607]\nshell_injection:\n  shell: [mylib.run_shell]\n  subprocess: []\ntry_except_pass:\n  check_typed_exception: true\n")
            .Write("a.py", "import mylib, os, subprocess\nmylib.run_shell(cmd)\nos.system(cmd)\nsubprocess.call(cmd, shell=True)\ntry:\n    verify_signature(blob)\nexcept ValueError:\n    pass\n");
        var scan = new CodeAuditor(new CodeAuditOptions { BanditConfigPath = Path.Combine(tree.Root, "conf/bandit.yaml") }).Scan(tree.Root, cancellationToken: TestContext.Current.CancellationToken);
        var found = scan.Findings.Select(f => (f.Rule.Aliases[0], f.Location.StartLine)).OrderBy(p => p.Item2).ToList();
        // subprocess list emptied: subprocess.call with shell=True is now "some other function" (B604)
        Assert.Equal([("B605", 2), ("B604", 4), ("B110", 7)], found);
        var bandit = new CodeAuditor(new CodeAuditOptions { BanditConfigPath = Path.Combine(tree.Root, "conf/bandit.yaml"), Compatibility = CodeCompatibility.Bandit }).Scan(tree.Root, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([("B404", 1), ("B605", 2), ("B604", 4), ("B110", 7)], bandit.Findings.Select(f => (f.Rule.Aliases[0], f.Location.StartLine)).OrderBy(p => p.Item2));
    }

    [Fact]
    public void Malformed_config_is_an_error_naming_the_file_and_line_and_the_scan_goes_on()
    {
        using var tree = new TempTree().Write("bandit.yaml", "skips: [B101\n  bad: : :\n").Write("a.py", "eval(x)\n");
        var scan = new CodeAuditor(new CodeAuditOptions { BanditConfigPath = Path.Combine(tree.Root, "bandit.yaml") }).Scan(tree.Root, cancellationToken: TestContext.Current.CancellationToken);
        var error = Assert.Single(scan.Errors);
        Assert.Equal("bandit.yaml", error.Location.Path);
        Assert.Contains("invalid YAML", error.Message, StringComparison.Ordinal);
        Assert.True(error.Location.StartLine > 0);
        Assert.Single(scan.Findings);
    }

    /// <summary>
    /// 100,000 nested '[' overflowed the stack in YamlDotNet's object model; the shared loader stops at its depth limit,
    /// and the scan goes on with Bandit's defaults.
    /// </summary>
    [Fact]
    public void Deeply_nested_yaml_config_is_an_error_at_its_line_not_a_stack_overflow()
    {
        using var tree = new TempTree()
            .Write("bandit.yaml", "# generated\nskips:\n  " + new string('[', 100_000) + new string(']', 100_000) + "\n")
            .Write("a.py", "eval(x)\n");
        var scan = new CodeAuditor(new CodeAuditOptions { BanditConfigPath = Path.Combine(tree.Root, "bandit.yaml") }).Scan(tree.Root, cancellationToken: TestContext.Current.CancellationToken);
        var error = Assert.Single(scan.Errors);
        Assert.Equal(("bandit.yaml", 3), (error.Location.Path, error.Location.StartLine));
        Assert.Contains("nested deeper than", error.Message, StringComparison.Ordinal);
        Assert.Equal(["B307"], scan.Findings.Select(f => f.Rule.Aliases[0]));
    }

    /// <summary>
    /// Bandit only warns about an unknown id, and a <c>tests</c> list of nothing but typos runs no check at all; here it is
    /// an error naming the file and line, in every format Bandit reads, and the scan reports with every check.
    /// </summary>
    [Theory]
    [InlineData(".bandit", "[bandit]\nskips = B101\ntests = B602,B6O2\n", 3, "B6O2")]
    [InlineData("pyproject.toml", "[project]\nname = 'x'\n\n[tool.bandit]\ntests = [\n  'B602',\n  'B9999',\n]\n", 7, "B9999")]
    [InlineData("bandit.yaml", "tests:\n  - B602\nskips:\n  - subprocess_popen_with_shell_equals_true\n", 4, "subprocess_popen_with_shell_equals_true")]
    public void Unknown_test_id_is_an_error_at_its_line_and_every_check_still_runs(string file, string config, int line, string id)
    {
        using var tree = new TempTree().Write(file, config).Write("app.py", SubprocessAndAssert);
        var options = file == "bandit.yaml" ? new CodeAuditOptions { BanditConfigPath = Path.Combine(tree.Root, file) } : new CodeAuditOptions();
        var scan = new CodeAuditor(options).Scan(tree.Root, cancellationToken: TestContext.Current.CancellationToken);
        var error = Assert.Single(scan.Errors);
        Assert.Equal((file, line), (error.Location.Path, error.Location.StartLine));
        Assert.Contains($"'{id}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("is not a Bandit test id", error.Message, StringComparison.Ordinal);
        Assert.Equal(["B602", "B101"], scan.Findings.Select(f => f.Rule.Aliases[0])); // B101 is not in `tests`, yet runs
    }

    [Fact]
    public void Known_ids_in_any_case_and_B001_are_accepted()
    {
        var settings = BanditConfigReader.ReadIni("[bandit]\ntests = b602, B001\nskips = B101\n", ".bandit");
        Assert.Equal(["b602", "B001"], settings.Tests);
    }

    [Fact]
    public void Malformed_exclude_dirs_pattern_is_an_error_at_its_line()
    {
        var error = Assert.Throws<InputFormatException>(() =>
            BanditConfigReader.ReadToml("[tool.bandit]\nexclude_dirs = [\n  'tests',\n  'build/[ab',\n]\n", "pyproject.toml"));
        Assert.Equal(4, error.Line);
        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ini_without_key_value_is_an_error_with_a_line()
    {
        var error = Assert.Throws<InputFormatException>(() => BanditConfigReader.ReadIni("[bandit]\nskips B101\n", ".bandit"));
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void B001_names_every_blacklist_test()
    {
        var settings = new BanditSettings { Skips = ["B001"] };
        Assert.False(settings.Runs("B307", isBlacklist: true));
        Assert.True(settings.Runs("B602", isBlacklist: false));
    }
}
