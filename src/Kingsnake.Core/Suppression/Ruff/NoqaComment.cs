namespace Kingsnake.Core.Suppression.Ruff;

/// <summary>
/// A <c># noqa</c> directive on one line, read as ruff reads it: blanket (<see cref="Codes"/> empty) or for the codes
/// listed. <see cref="Column"/> is the 1-based column of its <c>#</c>; <see cref="Text"/> is the directive as written.
/// </summary>
public sealed record NoqaComment(IReadOnlyList<string> Codes, int Column, string Text)
{
    /// <summary>True for a blanket <c># noqa</c>, which silences every diagnostic ruff makes on the line.</summary>
    public bool IsBlanket => Codes.Count == 0;

    /// <summary>
    /// Reads the first <c># noqa</c> directive on <paramref name="line"/>, following ruff's lexer
    /// (<c>ruff_linter::noqa</c>):
    /// <list type="bullet">
    /// <item>each <c>#</c> of the line starts a candidate; blanks may follow it, then <c>noqa</c> in any case
    /// (<c># noqa</c>, <c>#noqa</c>, <c># NOQA</c>; also after other text: <c># type: ignore # noqa</c>);</item>
    /// <item>then the end of the line, another <c>#</c>, or a blank with no colon after it: blanket
    /// (<c># noqa</c>, <c># noqa # reason</c>, <c># noqa because</c>);</item>
    /// <item>a colon, after optional blanks, starts the codes (<c># noqa: S101</c>, <c># noqa:S101,S102</c>,
    /// <c># noqa: S101 S102</c>, <c># noqa : S101</c>): each code is upper-case ASCII letters then digits, separated by
    /// commas and/or blanks; the first word that is no code ends the list, so a trailing explanation is allowed;</item>
    /// <item>an invalid directive suppresses nothing, as in ruff, which only warns about it: a letter or digit straight
    /// after <c>noqa</c> (<c>#noqaS101</c>), a colon with no code after it (<c># noqa:</c>, <c># noqa: s101</c>), or a
    /// code followed by a character that is neither delimiter nor <c>#</c> (<c># noqa: S101;</c>).</item>
    /// </list>
    /// Codes are exact: ruff takes no prefixes here, so <c># noqa: S3</c> names no rule. Only the first directive counts
    /// (ruff reads one per comment). The line is scanned as text: a <c># noqa</c> inside a string literal on the same line
    /// would count too, which real code hardly ever has.
    /// </summary>
    public static NoqaComment? Parse(string line)
    {
        var hash = line.IndexOf('#');
        while (hash >= 0)
        {
            var at = hash + 1;
            while (at < line.Length && char.IsWhiteSpace(line[at]))
            {
                at++;
            }

            if (at + 4 <= line.Length && line.AsSpan(at, 4).Equals("noqa", StringComparison.OrdinalIgnoreCase))
            {
                return Directive(line, hash, at + 4);
            }

            hash = line.IndexOf('#', hash + 1);
        }

        return null;
    }

    private static NoqaComment? Directive(string line, int hash, int afterNoqa)
    {
        var at = afterNoqa;
        if (at == line.Length || line[at] == '#')
        {
            return Blanket(line, hash, at);
        }

        if (char.IsWhiteSpace(line[at]))
        {
            var next = at;
            while (next < line.Length && char.IsWhiteSpace(line[next]))
            {
                next++;
            }

            if (next == line.Length || line[next] != ':')
            {
                return Blanket(line, hash, at);
            }

            at = next;
        }

        if (line[at] != ':')
        {
            return null;
        }

        var codes = new List<string>();
        var squashed = false;
        at++;
        while (at < line.Length)
        {
            while (at < line.Length && char.IsWhiteSpace(line[at]))
            {
                at++;
            }

            if (at < line.Length && line[at] == ',')
            {
                at++;
                continue;
            }

            if (at == line.Length || !char.IsAsciiLetterUpper(line[at]))
            {
                break;
            }

            var start = at;
            while (at < line.Length && char.IsAsciiLetterUpper(line[at]))
            {
                at++;
            }

            if (at == line.Length || !char.IsAsciiDigit(line[at]))
            {
                // A capitalised word, not a code: the explanation after the codes begins here, unless it was glued to
                // the code before it (#noqa:S101Fabc), which ruff rejects.
                if (squashed)
                {
                    return null;
                }

                at = start;
                break;
            }

            while (at < line.Length && char.IsAsciiDigit(line[at]))
            {
                at++;
            }

            codes.Add(line[start..at]);
            squashed = at < line.Length && char.IsAsciiLetterUpper(line[at]);
            if (at < line.Length && !(line[at] is ',' or '#' || char.IsWhiteSpace(line[at]) || char.IsAsciiLetterUpper(line[at])))
            {
                return null;
            }
        }

        return codes.Count == 0 ? null : new NoqaComment(codes, hash + 1, line[hash..at].TrimEnd());
    }

    private static NoqaComment Blanket(string line, int hash, int end) => new([], hash + 1, line[hash..end].TrimEnd());
}
