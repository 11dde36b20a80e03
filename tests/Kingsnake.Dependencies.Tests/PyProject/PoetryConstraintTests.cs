using Kingsnake.Dependencies.PyProject;

namespace Kingsnake.Dependencies.Tests.PyProject;

public sealed class PoetryConstraintTests
{
    // Expected values follow Poetry's documented constraint table (caret, tilde, wildcard, exact, inequality).
    [Theory]
    [InlineData("^1.2.3", ">=1.2.3,<2.0")]
    [InlineData("^1.2", ">=1.2,<2.0")]
    [InlineData("^1", ">=1,<2")]
    [InlineData("^0.2.3", ">=0.2.3,<0.3")]
    [InlineData("^0.0.3", ">=0.0.3,<0.0.4")]
    [InlineData("^0.0", ">=0.0,<0.1")]
    [InlineData("^0", ">=0,<1")]
    [InlineData("~1.2.3", ">=1.2.3,<1.3")]
    [InlineData("~1.2", ">=1.2,<1.3")]
    [InlineData("~1", ">=1,<2")]
    [InlineData("~=1.2", "~=1.2")]
    [InlineData("*", "")]
    [InlineData("", "")]
    [InlineData("1.2.3", "==1.2.3")]
    [InlineData("1.2.*", "==1.2.*")]
    [InlineData("==2.0", "==2.0")]
    [InlineData(">= 1.2, < 1.5", ">=1.2,<1.5")]
    [InlineData(">= 1.2 < 1.5", ">=1.2,<1.5")]
    [InlineData(">=1.2 !=1.3.1", ">=1.2,!=1.3.1")]
    public void Converts_to_pep440(string poetry, string expected)
    {
        Assert.True(PoetryConstraint.TryConvert(poetry, out var specifier, out var error), error);
        Assert.Equal(expected, specifier);
    }

    [Theory]
    [InlineData("^1.2 || ^2.0")]
    [InlineData("latest")]
    [InlineData("^abc")]
    public void Refuses_what_has_no_pep440_form(string poetry) =>
        Assert.False(PoetryConstraint.TryConvert(poetry, out _, out _));
}
