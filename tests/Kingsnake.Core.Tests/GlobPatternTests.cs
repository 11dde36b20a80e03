using Kingsnake.Core.Configuration;

namespace Kingsnake.Core.Tests;

/// <summary>Gitignore-style patterns are checked when the configuration is read, not when the first path meets them.</summary>
public sealed class GlobPatternTests
{
    [Theory]
    [InlineData("vendor/")]
    [InlineData("tests/**/*.py")]
    [InlineData("docs/conf.py")]
    [InlineData("src/[abc]*.py")]
    [InlineData("src/[!_]*.py")]
    [InlineData("[]]odd.py")]
    [InlineData("literal\\[bracket")]
    [InlineData("!keep.py")]
    public void Real_patterns_are_accepted(string pattern) => Assert.Null(GlobPattern.Problem(pattern));

    [Theory]
    [InlineData("[", "never closed")]
    [InlineData("app[.py", "never closed")]
    [InlineData("src/[!", "never closed")]
    [InlineData("tests\\", "lone backslash")]
    [InlineData("", "empty pattern")]
    [InlineData("  ", "empty pattern")]
    [InlineData("src/[z-a].py", "not a valid")]
    public void Malformed_patterns_say_what_is_wrong(string pattern, string expected)
    {
        var problem = GlobPattern.Problem(pattern);
        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }
}
