namespace Kingsnake.Core.Suppression.Ruff;

/// <summary>
/// A file-level exemption: <c># ruff: noqa</c> or <c># flake8: noqa</c> exempts the whole file from every rule,
/// <c># ruff: noqa: S101, S102</c> (or the same after <c>flake8:</c>) from the codes listed (<see cref="Codes"/> empty
/// means every rule).
/// </summary>
public sealed record RuffFileExemption(IReadOnlyList<string> Codes, int Line, string Text)
{
    public bool IsBlanket => Codes.Count == 0;

    /// <summary>
    /// Reads a file exemption from one line, as ruff 0.17 does (checked against it): the comment must stand on its own
    /// line (only blanks before the <c>#</c>; after code it exempts nothing); then <c>ruff</c> (lower case) or
    /// <c>flake8</c> (lower case), blanks, a colon, blanks, <c>noqa</c> in any case; what follows reads as after a
    /// line's <c># noqa</c> (see <see cref="NoqaComment.Parse"/>): the end, a <c>#</c> or a blank and a word is a
    /// blanket exemption (<c># ruff: noqa because generated</c>), a colon starts exact codes, and an invalid rest
    /// (<c># ruff: noqa:</c>, <c># ruff: noqaS101</c>) is no exemption.
    /// <paramref name="lineNumber"/> is kept for the report.
    /// </summary>
    public static RuffFileExemption? Parse(string line, int lineNumber)
    {
        var at = 0;
        while (at < line.Length && char.IsWhiteSpace(line[at]))
        {
            at++;
        }

        if (at == line.Length || line[at] != '#')
        {
            return null;
        }

        var hash = at++;
        at = SkipBlanks(line, at);
        if (string.CompareOrdinal(line, at, "ruff", 0, 4) == 0)
        {
            at += 4;
        }
        else if (string.CompareOrdinal(line, at, "flake8", 0, 6) == 0)
        {
            at += 6;
        }
        else
        {
            return null;
        }

        at = SkipBlanks(line, at);
        if (at == line.Length || line[at] != ':')
        {
            return null;
        }

        at = SkipBlanks(line, at + 1);
        if (at + 4 > line.Length || !line.AsSpan(at, 4).Equals("noqa", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // What follows "noqa" reads as in a line's directive: "#" + the rest is lexed as one.
        var directive = NoqaComment.Parse("#" + line[at..]);
        return directive is null ? null : new RuffFileExemption(directive.Codes, lineNumber, (line[hash..at] + directive.Text[1..]).TrimEnd());
    }

    private static int SkipBlanks(string line, int at)
    {
        while (at < line.Length && char.IsWhiteSpace(line[at]))
        {
            at++;
        }

        return at;
    }
}
