using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules;
using Kingsnake.Code.Suppression;
using Kingsnake.Code.Tests.Support;

namespace Kingsnake.Code.Tests.Engine;

/// <summary># nosec as bandit.md §2.1 describes it, and multi-line # kingsnake: ignore.</summary>
public class NosecTests
{
    [Theory]
    [InlineData("# nosec", new string[0])]
    [InlineData("#nosec", new string[0])]
    [InlineData("# nosec B602, B607", new[] { "B602", "B607" })]
    [InlineData("# nosec: B602", new[] { "B602" })]
    [InlineData("# nosec assert_used", new[] { "B101" })]
    [InlineData("# nosec B101,B307", new[] { "B307" })] // Bandit's splitter keeps the last of a comma run without spaces
    [InlineData("# nosec: reviewed by bob", new string[0])] // unknown words are dropped: blanket
    [InlineData("# nosec b602 reviewed", new[] { "B602" })]
    [InlineData("# nosec PY602 S607", new[] { "B602", "B607" })] // Kingsnake ids and ruff codes name the same tests
    [InlineData("# noqa # nosec B602", new[] { "B602" })]
    public void Parses_nosec_words(string comment, string[] expected) =>
        Assert.Equal(expected.Order(), NosecComments.ParseNosec(comment, RuleCatalog.BanditIdOf)!.Order());

    [Theory]
    [InlineData("# NOSEC")]
    [InlineData("# TODO nosec")]
    [InlineData("# kingsnake: ignore")]
    public void Not_a_nosec_comment(string comment) => Assert.Null(NosecComments.ParseNosec(comment, RuleCatalog.BanditIdOf));

    [Fact]
    public void Bare_nosec_silences_everything_on_the_line()
    {
        var result = CodeAuditor.AnalyzeSource("a.py", "import subprocess  # nosec\nsubprocess.call('ls', shell=True)  # nosec\n"u8.ToArray(), compatibility: CodeCompatibility.Bandit);
        Assert.Empty(result.Findings);
        Assert.Equal(3, result.NosecSuppressed); // B404, then B602 and B607
    }

    [Fact]
    public void Nosec_with_ids_silences_only_those()
    {
        var findings = Scanner.Findings("import subprocess  # nosec B404\nsubprocess.call('ls', shell=True)  # nosec B607\n", CodeCompatibility.Bandit);
        Assert.Equal("B602", Assert.Single(findings).Rule.Aliases[0]);
    }

    [Fact]
    public void Nosec_on_any_line_of_a_multi_line_call_counts()
    {
        const string code = "import subprocess\nsubprocess.call(\n    cmd,\n    shell=True,  # nosec B602\n)\nsubprocess.call(cmd, shell=True)\n";
        Assert.Equal([6], Scanner.Lines("B602", code));
    }

    [Fact]
    public void Nosec_inside_a_string_is_not_a_comment() =>
        Assert.Equal([1], Scanner.Lines("B307", "eval(x + '# nosec')\n"));

    [Fact]
    public void Nosec_on_a_function_body_line_silences_a_default_password_as_bandit_does()
    {
        const string code = "def connect(password='hunter2'):\n    return 1  # nosec\n";
        Assert.Empty(Scanner.Lines("B107", code));
        Assert.Equal([1], Scanner.Lines("B107", code.Replace("  # nosec", "", StringComparison.Ordinal)));
    }

    [Fact]
    public void Ignore_nosec_option_reports_everything()
    {
        using var tree = new TempTree().Write("a.py", "eval(x)  # nosec\n");
        var scan = new CodeAuditor(new CodeAuditOptions { IgnoreNosec = true }).Scan(tree.Root, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Single(scan.Findings);
        Assert.Empty(new CodeAuditor().Scan(tree.Root, cancellationToken: TestContext.Current.CancellationToken).Findings);
    }

    [Fact]
    public void Kingsnake_ignore_on_a_continuation_line_covers_the_statement()
    {
        const string code = "import subprocess\nsubprocess.call(\n    cmd,  # kingsnake: ignore[PY602]\n    shell=True)\nsubprocess.call(\n    cmd,  # kingsnake: ignore[PY605]\n    shell=True)\n";
        Assert.Equal([5], Scanner.Lines("B602", code));
    }

    [Fact]
    public void Kingsnake_ignore_accepts_bandit_and_ruff_names()
    {
        Assert.Empty(Scanner.Lines("B307", "eval(\n  x)  # kingsnake: ignore[B307]\n"));
        Assert.Empty(Scanner.Lines("B307", "eval(\n  x)  # kingsnake: ignore[S307]\n"));
        Assert.Empty(Scanner.Lines("B307", "eval(\n  x)  # kingsnake: ignore[eval]\n"));
    }

    [Fact]
    public void Kingsnake_ignore_in_a_function_body_does_not_cover_its_header()
    {
        const string code = "def connect(password='hunter2'):\n    return 1  # kingsnake: ignore\n";
        Assert.Equal([1], Scanner.Lines("B107", code));
    }
}
