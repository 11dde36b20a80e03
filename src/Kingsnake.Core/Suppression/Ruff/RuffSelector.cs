using Kingsnake.Core.Findings;

namespace Kingsnake.Core.Suppression.Ruff;

/// <summary>
/// One rule selector of a ruff configuration (<c>ALL</c>, a linter <c>S</c>, a prefix <c>S1</c> or <c>S10</c>, a code
/// <c>S101</c>) and the place it is written. Codes Kingsnake has no rule for (<c>E501</c>) are valid selectors that
/// simply match none of Kingsnake's rules.
/// </summary>
public sealed record RuffSelector(string Text, SourceSpan At)
{
    /// <summary>
    /// How specific the selector is, as ruff ranks them when one list selects and another ignores the same rule:
    /// <c>ALL</c> least, then a linter, then each more digit; the more specific decides (<c>select = ["S"]</c> with
    /// <c>ignore = ["S1"]</c> and <c>extend-select = ["S101"]</c> keeps S101).
    /// </summary>
    public int Specificity => Text == "ALL" ? 0 : 1 + Text.Count(char.IsAsciiDigit);

    /// <summary>
    /// True when the selector covers <paramref name="code"/>: <c>ALL</c>, or a prefix of the code that does not stop
    /// inside the linter's letters (<c>S</c> covers S101, not SIM101).
    /// </summary>
    public bool Matches(string code) =>
        Text == "ALL"
        || (code.StartsWith(Text, StringComparison.Ordinal) && (code.Length == Text.Length || !char.IsAsciiLetter(code[Text.Length])));

    /// <summary>
    /// True when <paramref name="text"/> has the shape ruff accepts for a selector: <c>ALL</c>, or upper-case ASCII
    /// letters followed by digits and upper-case letters (<c>S</c>, <c>S10</c>, <c>PLW1510</c>, <c>RUF100</c>).
    /// </summary>
    public static bool IsWellFormed(string text)
    {
        if (text.Length == 0 || !char.IsAsciiLetterUpper(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
