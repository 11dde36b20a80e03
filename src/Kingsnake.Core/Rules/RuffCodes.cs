namespace Kingsnake.Core.Rules;

/// <summary>
/// Which of a rule's aliases are ruff codes. Aliases are one flat list (Bandit <c>B602</c>, ruff <c>S602</c>, zizmor
/// <c>template-injection</c>); a ruff code is an alias shaped as ruff writes codes (upper-case letters, then digits:
/// <c>S602</c>, <c>PLW1510</c>) that is not a Bandit test id (<c>B</c> and three digits from 101 to 799: ruff's own
/// <c>B</c> codes, from flake8-bugbear, are B0xx and B9xx, so the two never meet).
/// </summary>
public static class RuffCodes
{
    /// <summary>The ruff codes among <paramref name="rule"/>'s aliases, upper-case as ruff writes them.</summary>
    public static IEnumerable<string> Of(Rule rule) => rule.Aliases.Where(IsRuffCode).Select(a => a.ToUpperInvariant());

    /// <summary>True when <paramref name="alias"/> has the shape of a ruff code and is not a Bandit test id.</summary>
    public static bool IsRuffCode(string alias)
    {
        var letters = 0;
        while (letters < alias.Length && char.IsAsciiLetter(alias[letters]))
        {
            letters++;
        }

        if (letters == 0 || letters == alias.Length || alias.AsSpan(letters).ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        var isBanditId = letters == 1 && char.ToUpperInvariant(alias[0]) == 'B' && alias.Length == 4 && alias[1] is >= '1' and <= '7';
        return !isBanditId;
    }
}
