using System.Text;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules;
using Kingsnake.Code.Tests.Support;
using Kingsnake.Core.Auditing;
using Kingsnake.Core.Configuration;
using Kingsnake.Core.Rules;
using Kingsnake.Project.Auditing;

namespace Kingsnake.Code.Tests.Engine;

public class EngineTests
{
    [Fact]
    public void Discovery_skips_tool_and_environment_directories_and_honours_config_exclude()
    {
        using var tree = new TempTree();
        foreach (var dir in new[] { ".git", ".tox", ".venv", "venv", "node_modules", "__pycache__", "lib/site-packages", "build/lib" })
        {
            tree.Write(dir + "/x.py", "eval(a)\n");
        }

        tree.Write("src/app.py", "eval(a)\n").Write("src/gui.pyw", "eval(a)\n").Write("src/notes.txt", "eval(a)\n").Write("gen/skip.py", "eval(a)\n");
        var context = new AuditContext { RootPath = tree.Root, Config = new KingsnakeConfig { Exclude = ["gen/"] } };
        var result = new CodeAuditor().Audit(context, CancellationToken.None);
        Assert.Equal(["src/app.py", "src/gui.pyw"], result.Findings.Select(f => f.Location.Path).Order());
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Syntax_errors_are_input_errors_with_cpython_message_and_other_files_still_scanned()
    {
        using var tree = new TempTree()
            .Write("bad.py", "x = 1\ndef f(:\n    pass\n")
            .Write("indent.py", "if x:\nprint(1)\n")
            .WriteBytes("latin.py", [0x78, 0x20, 0x3d, 0x20, 0x27, 0xff, 0x27, 0x0a])
            .Write("good.py", "eval(a)\n");
        var scan = new CodeAuditor().Scan(tree.Root, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1, scan.ParsedCount);
        Assert.Single(scan.Findings);
        var bad = scan.Errors.Single(e => e.Location.Path == "bad.py");
        Assert.Equal(2, bad.Location.StartLine);
        Assert.StartsWith("SyntaxError: ", bad.Message, StringComparison.Ordinal);
        Assert.StartsWith("IndentationError: expected an indented block", scan.Errors.Single(e => e.Location.Path == "indent.py").Message, StringComparison.Ordinal);
        Assert.Contains("utf-8", scan.Errors.Single(e => e.Location.Path == "latin.py").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_nesting_does_not_crash()
    {
        var deep = "x = " + new string('(', 5000) + new string(')', 5000) + "\n" + "eval(" + string.Concat(Enumerable.Repeat("-", 50_000)) + "1)\n";
        var result = CodeAuditor.AnalyzeSource("deep.py", Encoding.UTF8.GetBytes(deep));
        Assert.False(result.Parsed);
        Assert.NotNull(result.Error);
    }

    /// <summary>
    /// A file that is one 200,000-piece string chain (3.6 MB): every rule stays linear in it. Reading the top of the
    /// chain from each piece used to climb the whole chain (quadratic: minutes); the timeout turns a hang into a failure.
    /// </summary>
    [Fact(Timeout = 60_000)]
    public async Task Long_operator_chain_is_checked_in_linear_time()
    {
        var chain = "q = " + string.Join("+", Enumerable.Repeat("'select a from b'", 200_000)) + "\n";
        var bytes = Encoding.UTF8.GetBytes(chain);
        var (kingsnake, bandit) = await Task.Run(
            () => (CodeAuditor.AnalyzeSource("chain.py", bytes), CodeAuditor.AnalyzeSource("chain.py", bytes, compatibility: CodeCompatibility.Bandit)),
            TestContext.Current.CancellationToken);
        Assert.True(kingsnake.Parsed);
        Assert.Single(kingsnake.Findings, f => f.Rule.Id == "PY608");
        Assert.Single(bandit.Findings, f => f.Rule.Id == "PY608"); // past 64 pieces, one finding per chain in Bandit mode too
    }

    [Fact]
    public void Oversized_files_are_reported_not_read()
    {
        using var tree = new TempTree().Write("big.py", new string('#', 2000) + "\neval(x)\n");
        var scan = new CodeAuditor(new CodeAuditOptions { MaxFileBytes = 1000 }).Scan(tree.Root, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains("limit", Assert.Single(scan.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locations_use_utf16_columns_and_relative_paths()
    {
        var finding = Scanner.Single("B307", "s = 'é€𝄞'; eval(x)\n");
        Assert.Equal(new Kingsnake.Core.Findings.SourceSpan("app/main.py", 1, 13, 1, 20), finding.Location);
        Assert.Equal(finding.Fingerprint, Scanner.Single("B307", "\n\ns = 'é€𝄞'; eval(x)\n").Fingerprint); // lines do not move it
    }

    [Fact]
    public void Parallel_scan_gives_the_same_results_as_a_serial_one()
    {
        using var tree = new TempTree();
        for (var i = 0; i < 60; i++)
        {
            tree.Write($"m{i:D2}.py", $"import subprocess\nsubprocess.call(c{i}, shell=True)\n" + string.Concat(Enumerable.Repeat("assert x\n", i % 5)));
        }

        var serial = new CodeAuditor(new CodeAuditOptions { Parallelism = 1, Compatibility = CodeCompatibility.Bandit }).Scan(tree.Root, cancellationToken: TestContext.Current.CancellationToken).Findings.Select(f => f.Location).ToList();
        var parallel = new CodeAuditor(new CodeAuditOptions { Parallelism = 4, Compatibility = CodeCompatibility.Bandit }).Scan(tree.Root, cancellationToken: TestContext.Current.CancellationToken).Findings.Select(f => f.Location).ToList();
        Assert.Equal(serial, parallel);
        Assert.Equal((2 * 60) + Enumerable.Range(0, 60).Sum(i => i % 5), serial.Count); // B404 import, B602 call, B101 asserts
    }

    [Fact]
    public void Rule_ids_are_unique_and_each_aliases_its_bandit_test()
    {
        var registry = new RuleRegistry(new CodeAuditor().Rules);
        Assert.Equal(RuleCatalog.All.Count, RuleCatalog.All.Select(r => r.Descriptor.Id).Distinct().Count());
        Assert.Equal(75, RuleCatalog.All.Count(r => r.IsBanditTest));
        foreach (var rule in RuleCatalog.All.Where(r => r.IsBanditTest))
        {
            Assert.Equal("code", rule.Descriptor.Area);
            Assert.Equal(rule.BanditId, rule.Descriptor.Aliases[0]);
            Assert.Equal(RuleCatalog.BanditNames[rule.BanditId], rule.BanditName);
            Assert.Equal("PY" + rule.BanditId[1..], rule.Descriptor.Id);
            Assert.Same(rule.Descriptor, registry.Find(rule.BanditId));
            Assert.All(rule.Descriptor.Aliases.Skip(1), a => Assert.Equal("S" + rule.BanditId[1..], a));
        }
    }
}

public sealed class EmptyProjectTests
{
    [Fact]
    public void A_project_without_python_files_scans_to_nothing()
    {
        var root = Directory.CreateTempSubdirectory("kingsnake-nopy-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "requirements.txt"), "requests==2.31.0\n");
            var scan = new CodeAuditor().Scan(root, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Empty(scan.Findings);
            Assert.Empty(scan.Errors);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
