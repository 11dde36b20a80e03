using Kingsnake.Code.Configuration;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Tests.Support;
using Kingsnake.Core.Findings;

namespace Kingsnake.Code.Tests.Engine;

/// <summary>Bandit configuration read as is: .bandit INI, [tool.bandit], YAML by explicit path.</summary>
public class ConfigTests
{
    private const string SubprocessAndAssert = "import subprocess\nsubprocess.call(cmd, shell=True)\nassert x\n";

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
        Assert.Equal(["B404", "B602"], scan.Findings.Select(f => f.Rule.Aliases[0]));
    }

    [Fact]
    public void Pyproject_tool_bandit_tests_allow_list_and_plugin_options()
    {
        using var tree = new TempTree()
            .Write("pyproject.toml", "[project]\nname='x'\n[tool.bandit]\ntests = ['B108', 'B101']\nexclude_dirs = ['tests']\n[tool.bandit.hardcoded_tmp_directory]\ntmp_dirs = ['/scratch']\n[tool.bandit.assert_used]\nskips = ['*/legacy_*.py']\n")
            .Write("a.py", "p = '/scratch/x'\nq = '/tmp/y'\nassert p\n" + SubprocessAndAssert)
            .Write("pkg/legacy_a.py", "assert x\n")
            .Write("tests/t.py", "q = '/scratch/y'\n");
        var findings = new CodeAuditor().Scan(tree.Root, cancellationToken: TestContext.Current.CancellationToken).Findings.Select(f => (f.Location.Path, f.Rule.Aliases[0], f.Location.StartLine)).ToList();
        Assert.Equal([("a.py", "B108", 1), ("a.py", "B101", 3), ("a.py", "B101", 6)], findings);
    }

    [Fact]
    public void Yaml_config_by_explicit_path_sets_shell_injection_lists_and_typed_exceptions()
    {
        using var tree = new TempTree()
            .Write("conf/bandit.yaml", "skips: [B607]\nshell_injection:\n  shell: [mylib.run_shell]\n  subprocess: []\ntry_except_pass:\n  check_typed_exception: true\n")
            .Write("a.py", "import mylib, os, subprocess\nmylib.run_shell(cmd)\nos.system(cmd)\nsubprocess.call(cmd, shell=True)\ntry:\n    f()\nexcept ValueError:\n    pass\n");
        var scan = new CodeAuditor(new CodeAuditOptions { BanditConfigPath = Path.Combine(tree.Root, "conf/bandit.yaml") }).Scan(tree.Root, cancellationToken: TestContext.Current.CancellationToken);
        var found = scan.Findings.Select(f => (f.Rule.Aliases[0], f.Location.StartLine)).OrderBy(p => p.Item2).ToList();
        // subprocess list emptied: subprocess.call with shell=True is now "some other function" (B604)
        Assert.Equal([("B404", 1), ("B605", 2), ("B604", 4), ("B110", 7)], found);
    }

    [Fact]
    public void Malformed_config_is_an_error_naming_the_file_and_line_and_the_scan_goes_on()
    {
        using var tree = new TempTree().Write("bandit.yaml", "skips: [B101\n  bad: : :\n").Write("a.py", "eval(x)\n");
        var scan = new CodeAuditor(new CodeAuditOptions { BanditConfigPath = Path.Combine(tree.Root, "bandit.yaml") }).Scan(tree.Root, cancellationToken: TestContext.Current.CancellationToken);
        var error = Assert.Single(scan.Errors);
        Assert.Contains("bandit.yaml", error.Message, StringComparison.Ordinal);
        Assert.True(error.Location.StartLine > 0);
        Assert.Single(scan.Findings);
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
