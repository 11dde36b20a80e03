using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;

namespace Kingsnake.Core.Tests.Rules;

/// <summary>A rule's one-line fix, read from its help's <c>**Fix:**</c> paragraph.</summary>
public sealed class RuleRemedyTests
{
    private static Rule WithHelp(string help) => new()
    {
        Id = "PY999",
        Name = "example",
        Title = "Example",
        Area = "code",
        DefaultSeverity = Severity.Low,
        DefaultConfidence = Confidence.Low,
        Help = help,
    };

    [Fact]
    public void Remedy_is_the_fix_paragraph_with_its_line_breaks_folded()
    {
        const string help = "Why it matters.\n\n**Fix:** use `hashlib.sha256`,\n  or pass\r\n`usedforsecurity=False`.\n\n**Differs from Bandit:** more.";
        Assert.Equal("use `hashlib.sha256`, or pass `usedforsecurity=False`.", WithHelp(help).Remedy);
    }

    [Fact]
    public void Remedy_runs_to_the_end_when_the_fix_is_the_last_paragraph()
    {
        Assert.Equal("pin the version.", WithHelp("Text.\n\n**Fix:**   pin the\tversion.\n").Remedy);
    }

    [Fact]
    public void No_fix_paragraph_means_no_remedy()
    {
        Assert.Null(WithHelp("Why it matters, and nothing to do.").Remedy);
        Assert.Null(WithHelp("**Fixes:** not the marker").Remedy);
    }

    [Fact]
    public void An_empty_fix_paragraph_is_no_remedy()
    {
        // The report schema requires a non-empty remedy, and the terminal would print a bare "fix:".
        Assert.Null(WithHelp("**Fix:**\n\nNext.").Remedy);
        Assert.Null(WithHelp("Text.\n\n**Fix:**   \n").Remedy);
    }
}
