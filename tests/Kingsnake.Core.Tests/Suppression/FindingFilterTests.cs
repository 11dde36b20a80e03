using Kingsnake.Core.Configuration;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Suppression;

namespace Kingsnake.Core.Tests.Suppression;

/// <summary>Inline <c># kingsnake: ignore[...]</c> comments, read back from the files the findings point into.</summary>
public sealed class FindingFilterTests
{
    private static readonly Rule Shell = new()
    {
        Id = "PY602",
        Name = "subprocess-shell",
        Title = "t",
        Area = "code",
        Help = "h",
        DefaultSeverity = Severity.High,
        DefaultConfidence = Confidence.High,
        Aliases = ["B602"],
    };

    private Finding At(string path, int line) => new()
    {
        Rule = Shell,
        Message = "m",
        Location = new SourceSpan(path, line, 1),
        FingerprintSource = $"{path}:{line}",
    };

    [Fact]
    public void Comment_on_the_line_naming_the_rule_in_any_case_suppresses_only_that_line()
    {
        var files = SourceLines.FromText(new Dictionary<string, string>
        {
            ["a.py"] = "run(x)  # KingSnake: IGNORE[b602]\nrun(y)\nrun(z)  # kingsnake: ignore[PY101]\n",
            ["b.py"] = "run(x)\n",
        });
        var (kept, suppressed) = new FindingFilter(KingsnakeConfig.Default, files).Apply([At("a.py", 1), At("a.py", 2), At("a.py", 3), At("b.py", 1), At("gone.py", 1)]);
        var hidden = Assert.Single(suppressed);
        Assert.Equal(("a.py", 1), (hidden.Finding.Location.Path, hidden.Finding.Location.StartLine));
        Assert.Equal(SuppressionKind.InlineComment, hidden.Reason.Kind);
        Assert.Equal("# KingSnake: IGNORE[b602]", hidden.Reason.Detail);
        Assert.Equal(new SourceSpan("a.py", 1, 9), hidden.Reason.At);
        Assert.Equal(4, kept.Count);
    }

    [Fact]
    public void Bare_ignore_suppresses_every_rule_and_crlf_files_are_read_by_line()
    {
        var files = SourceLines.FromText(new Dictionary<string, string> { ["c.py"] = "a = 1\r\nrun(x)  # kingsnake: ignore\r\n" });
        var (kept, suppressed) = new FindingFilter(KingsnakeConfig.Default, files).Apply([At("c.py", 1), At("c.py", 2)]);
        Assert.Equal([2], suppressed.Select(f => f.Finding.Location.StartLine));
        Assert.Equal([1], kept.Select(f => f.Location.StartLine));
    }
}
