using Kingsnake.Core.Configuration;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Suppression;

namespace Kingsnake.Core.Tests.Suppression;

/// <summary>Inline <c># kingsnake: ignore[...]</c> comments, read back from the files the findings point into.</summary>
public sealed class FindingFilterTests : IDisposable
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

    private readonly string _root = Directory.CreateTempSubdirectory("kingsnake-filter-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

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
        File.WriteAllText(Path.Combine(_root, "a.py"), "run(x)  # KingSnake: IGNORE[b602]\nrun(y)\nrun(z)  # kingsnake: ignore[PY101]\n");
        File.WriteAllText(Path.Combine(_root, "b.py"), "run(x)\n");
        var (kept, suppressed) = new FindingFilter(KingsnakeConfig.Default, _root).Apply([At("a.py", 1), At("a.py", 2), At("a.py", 3), At("b.py", 1), At("gone.py", 1)]);
        Assert.Equal([("a.py", 1)], suppressed.Select(f => (f.Location.Path, f.Location.StartLine)));
        Assert.Equal(4, kept.Count);
    }

    [Fact]
    public void Bare_ignore_suppresses_every_rule_and_crlf_files_are_read_by_line()
    {
        File.WriteAllText(Path.Combine(_root, "c.py"), "a = 1\r\nrun(x)  # kingsnake: ignore\r\n");
        var (kept, suppressed) = new FindingFilter(KingsnakeConfig.Default, _root).Apply([At("c.py", 1), At("c.py", 2)]);
        Assert.Equal([2], suppressed.Select(f => f.Location.StartLine));
        Assert.Equal([1], kept.Select(f => f.Location.StartLine));
    }
}
