using Kingsnake.Core.Rules;

namespace Kingsnake.Core.Tests.Rules;

public sealed class RuffCodesTests
{
    [Theory]
    [InlineData("S602", true)]
    [InlineData("s602", true)]
    [InlineData("PLW1510", true)]
    [InlineData("B008", true)] // flake8-bugbear, a ruff code
    [InlineData("B904", true)]
    [InlineData("B602", false)] // Bandit's test id
    [InlineData("B101", false)]
    [InlineData("template-injection", false)]
    [InlineData("S", false)]
    [InlineData("602", false)]
    public void Ruff_codes_are_told_from_bandit_ids_and_names(string alias, bool isRuff) => Assert.Equal(isRuff, RuffCodes.IsRuffCode(alias));
}
