using Kingsnake.Core.Suppression.Ruff;

namespace Kingsnake.Core.Tests.Suppression.Ruff;

/// <summary>per-file-ignores globs, matched as globset (ruff's glob library, default options) matches them.</summary>
public sealed class RuffGlobTests
{
    [Theory]
    [InlineData("tests/**", "tests/test_app.py", true)]
    [InlineData("tests/**", "tests/unit/test_app.py", true)]
    [InlineData("tests/**", "src/tests.py", false)]
    [InlineData("tests/*", "tests/unit/test_app.py", true)] // '*' crosses '/' in globset's default mode
    [InlineData("**/test_*.py", "test_top.py", true)]
    [InlineData("**/test_*.py", "pkg/sub/test_deep.py", true)]
    [InlineData("**/test_*.py", "pkg/sub/conftest.py", false)]
    [InlineData("src/**/migrations/*.py", "src/shop/migrations/0001_initial.py", true)]
    [InlineData("src/**/migrations/*.py", "src/migrations/0001_initial.py", true)]
    [InlineData("*.pyi", "pkg/stubs.pyi", true)]
    [InlineData("{tests,docs}/**", "docs/conf.py", true)]
    [InlineData("{tests,docs}/**", "src/conf.py", false)]
    [InlineData("test_[a-c].py", "test_b.py", true)]
    [InlineData("test_[!a-c].py", "test_b.py", false)]
    [InlineData("test_?.py", "test_z.py", true)]
    [InlineData("Tests/**", "tests/a.py", false)]
    [InlineData("scripts/\\*.py", "scripts/*.py", true)]
    [InlineData("scripts/\\*.py", "scripts/a.py", false)]
    public void Matches_as_globset_does(string pattern, string path, bool expected) => Assert.Equal(expected, RuffGlob.Compile(pattern).IsMatch(path));

    [Theory]
    [InlineData("tests/[a.py", "unclosed")]
    [InlineData("{a,{b,c}}", "nested")]
    [InlineData("{tests,docs", "unclosed")]
    [InlineData("test_[z-a].py", "backwards")]
    [InlineData("trailing\\", "dangling")]
    public void Malformed_globs_are_rejected_with_the_reason(string pattern, string reason)
    {
        var error = Assert.Throws<FormatException>(() => RuffGlob.Compile(pattern));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
