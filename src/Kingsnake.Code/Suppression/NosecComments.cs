using Kingsnake.Core.Suppression;
using Kingsnake.Python.Parsing;

namespace Kingsnake.Code.Suppression;

/// <summary>
/// The suppression comments of one file: Bandit's <c># nosec</c> (bare, or with test ids / names) and Kingsnake's
/// <c># kingsnake: ignore[...]</c>, by line. Only real comments count (the tokenizer found them), so the words
/// inside a string literal do nothing.
/// </summary>
internal sealed class NosecComments
{
    private readonly Dictionary<int, HashSet<string>> _nosec = [];
    private readonly Dictionary<int, IReadOnlyList<string>> _kingsnake = [];

    public NosecComments(ParsedModule parsed, Func<string, string?> banditIdOf)
    {
        foreach (var (start, end) in parsed.Comments)
        {
            var text = parsed.Source.Text(start, end);
            var line = parsed.Source.Position(start).Line;
            if (ParseNosec(text, banditIdOf) is { } tests)
            {
                _nosec[line] = tests;
            }

            if (InlineSuppression.Parse(text) is { } names)
            {
                _kingsnake[line] = names;
            }
        }
    }

    public bool IsEmpty => _nosec.Count == 0 && _kingsnake.Count == 0;

    /// <summary>
    /// Bandit's reading of a comment: <c>#</c>, optional blanks, <c>nosec</c> in lower case, an optional colon, then
    /// words up to the next <c>#</c>. Each word is a test id or name; words that are neither are dropped, and an
    /// empty set means every test. Runs of words joined by commas without a space keep only their last word
    /// (<c># nosec B101,B307</c> skips only B307): Bandit's splitter does that, and configs written for it rely on
    /// what it does. Returns null when the comment is no nosec comment.
    /// </summary>
    internal static HashSet<string>? ParseNosec(string comment, Func<string, string?> banditIdOf)
    {
        var at = 0;
        while ((at = comment.IndexOf('#', at)) >= 0)
        {
            var i = at + 1;
            while (i < comment.Length && char.IsWhiteSpace(comment[i]))
            {
                i++;
            }

            if (string.CompareOrdinal(comment, i, "nosec", 0, 5) != 0)
            {
                at++;
                continue;
            }

            i += 5;
            if (i < comment.Length && comment[i] == ':')
            {
                i++;
            }

            var end = comment.IndexOf('#', i);
            var rest = comment.AsSpan(i, (end < 0 ? comment.Length : end) - i);
            var tests = new HashSet<string>(StringComparer.Ordinal);
            var wordStart = -1;
            string? lastOfRun = null;
            for (var k = 0; k <= rest.Length; k++)
            {
                var c = k < rest.Length ? rest[k] : ' ';
                if (char.IsAsciiLetterOrDigit(c) || c == '_')
                {
                    if (wordStart < 0)
                    {
                        wordStart = k;
                    }

                    continue;
                }

                if (wordStart >= 0)
                {
                    lastOfRun = rest[wordStart..k].ToString();
                    wordStart = -1;
                }

                if (c == ',' && lastOfRun is not null)
                {
                    continue; // the run goes on: only its last word will count
                }

                if (lastOfRun is not null && banditIdOf(lastOfRun) is { } id)
                {
                    tests.Add(id);
                }

                lastOfRun = null;
            }

            return tests;
        }

        return null;
    }

    /// <summary>
    /// Whether a finding of <paramref name="banditId"/> reported on <paramref name="line"/> for a node spanning
    /// <paramref name="firstLine"/>..<paramref name="lastLine"/> is silenced by <c># nosec</c>: the ids on the finding's
    /// line and those of the first nosec line in the node's range are combined, as Bandit does; an empty set is blanket.
    /// </summary>
    public NosecMatch IsNosec(string banditId, int line, int firstLine, int lastLine)
    {
        if (_nosec.Count == 0)
        {
            return NosecMatch.None;
        }

        var onLine = _nosec.GetValueOrDefault(line);
        HashSet<string>? inRange = null;
        for (var l = firstLine; l <= lastLine; l++)
        {
            if (_nosec.TryGetValue(l, out inRange))
            {
                break;
            }
        }

        if (onLine is null && inRange is null)
        {
            return NosecMatch.None;
        }

        var emptyUnion = (onLine is null || onLine.Count == 0) && (inRange is null || inRange.Count == 0);
        return emptyUnion ? NosecMatch.Bare
            : (onLine?.Contains(banditId) ?? false) || (inRange?.Contains(banditId) ?? false) ? NosecMatch.Named
            : NosecMatch.None;
    }

    /// <summary>Whether a <c># kingsnake: ignore</c> on any line of the range names the rule (the generic filter covers only the reported line).</summary>
    public bool IsIgnored(Func<string, bool> namesRule, int firstLine, int lastLine)
    {
        if (_kingsnake.Count == 0)
        {
            return false;
        }

        for (var l = firstLine; l <= lastLine; l++)
        {
            if (_kingsnake.TryGetValue(l, out var names) && (names.Count == 0 || names.Any(namesRule)))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>How a <c># nosec</c> applies to a finding: not at all, as a bare <c># nosec</c>, or by naming its test.</summary>
internal enum NosecMatch
{
    None,
    Bare,
    Named,
}
