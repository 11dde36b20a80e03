
namespace Kingsnake.Core.Yaml;

/// <summary>
/// The facts about one scalar that <see cref="ScalarLocator"/> needs for every range it maps: where the value's
/// lines start, where the first character that breaks a verbatim copy sits, the indentation of a block scalar's
/// body, and the ranges already searched for in the source. Computed on first use and kept with the scalar, so that
/// locating k ranges in a value of n characters costs O(n + k log n) instead of O(k·n).
/// </summary>
internal sealed class ScalarLayout(string value)
{
    private int[]? _lineStarts;
    private int _firstSpecial = -1;
    private SourceText? _indentSource;
    private int _indent;
    private SourceText? _searchSource;
    private Dictionary<string, int>? _searches;
    private SourceText? _fenceSource;
    private Dictionary<string, (int First, int Count)>? _fences;

    /// <summary>
    /// The offset of the first <c>\n</c>, <c>\</c> or <c>'</c> of the value (its length when there is none): before
    /// it, a quoted or plain scalar's value is a verbatim copy of its source.
    /// </summary>
    public int FirstSpecial
    {
        get
        {
            if (_firstSpecial < 0)
            {
                var at = value.AsSpan().IndexOfAny('\n', '\\', '\'');
                _firstSpecial = at < 0 ? value.Length : at;
            }

            return _firstSpecial;
        }
    }

    /// <summary>The 0-based line of the value that <paramref name="offset"/> falls on, and the offset where that line starts.</summary>
    public (int Line, int LineStart) LineOf(int offset)
    {
        var starts = _lineStarts ??= LineStarts(value);
        var index = Array.BinarySearch(starts, offset);
        var line = index >= 0 ? index : ~index - 1;
        return (line, starts[line]);
    }

    /// <summary>The indentation of a block scalar's first non-blank body line in <paramref name="source"/>, or -1 when it has none.</summary>
    public int BlockIndent(YamlScalar scalar, SourceText source)
    {
        if (!ReferenceEquals(_indentSource, source))
        {
            _indent = -1;
            for (var line = scalar.Start.Line + 1; line <= source.LineCount; line++)
            {
                var content = source.Line(line);
                if (!content.IsWhiteSpace())
                {
                    _indent = content.Length - content.TrimStart(' ').Length;
                    break;
                }
            }

            _indentSource = source;
        }

        return _indent;
    }

    /// <summary>The result of an earlier search for <paramref name="wanted"/> in the scalar's text in <paramref name="source"/>, if any.</summary>
    public bool TryGetSearch(SourceText source, ReadOnlySpan<char> wanted, out int found)
    {
        found = -1;
        return ReferenceEquals(_searchSource, source) && _searches is not null
            && _searches.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(wanted, out found);
    }

    /// <summary>Remembers where <paramref name="wanted"/> was found (-1: not exactly once), so the same text is searched for once.</summary>
    public void RememberSearch(SourceText source, ReadOnlySpan<char> wanted, int found)
    {
        if (!ReferenceEquals(_searchSource, source) || _searches is null)
        {
            _searches = new Dictionary<string, int>(StringComparer.Ordinal);
            _searchSource = source;
        }

        _searches.GetAlternateLookup<ReadOnlySpan<char>>()[wanted] = found;
    }

    /// <summary>
    /// Where the fence <paramref name="wanted"/> (a whole <c>${{ … }}</c>) appears in the scalar's source text
    /// <c>source.Text[raw0..raw1]</c>: its offset when it appears exactly once, else -1. False when the index cannot
    /// answer (the text is not one whole fence, or a fence of the source holds another <c>${{</c> in a string).
    /// </summary>
    /// <remarks>
    /// Every occurrence of a whole fence starts at a <c>${{</c>. One pass lists the source's fences as
    /// the workflow area's fence finder does; when no fence holds a <c>${{</c> inside, each <c>${{</c> of the
    /// source starts one of them, and a fence's text that starts there ends where the wanted text does (the same
    /// characters close it at the same place). So counting fence texts once answers every search in O(length).
    /// </remarks>
    public bool TryFindFence(SourceText source, int raw0, int raw1, ReadOnlySpan<char> wanted, out int unique)
    {
        unique = -1;
        if (wanted.Length < 5 || !wanted.StartsWith("${{") || ExpressionFence.FindClose(wanted, 3) != wanted.Length - 2)
        {
            return false;
        }

        if (!ReferenceEquals(_fenceSource, source))
        {
            _fences = IndexFences(source.Text.AsSpan(raw0, raw1 - raw0), raw0);
            _fenceSource = source;
        }

        if (_fences is null)
        {
            return false;
        }

        if (_fences.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(wanted, out var found) && found.Count == 1)
        {
            unique = found.First;
        }

        return true;
    }

    /// <summary>Each fence text of <paramref name="raw"/> with its first offset (plus <paramref name="shift"/>) and count; null when the index would be wrong.</summary>
    private static Dictionary<string, (int First, int Count)>? IndexFences(ReadOnlySpan<char> raw, int shift)
    {
        var fences = new Dictionary<string, (int First, int Count)>(StringComparer.Ordinal);
        var lookup = fences.GetAlternateLookup<ReadOnlySpan<char>>();
        var position = 0;
        while (true)
        {
            var open = raw[position..].IndexOf("${{");
            if (open < 0)
            {
                return fences;
            }

            open += position;
            var close = ExpressionFence.FindClose(raw, open + 3);
            var innerEnd = close < 0 ? raw.Length : close;
            if (raw[(open + 3)..innerEnd].Contains("${{", StringComparison.Ordinal))
            {
                return null; // a fence inside a string of another: occurrences may start inside a fence
            }

            if (close < 0)
            {
                return fences; // the rest is an unclosed fence with no '${{' inside: no whole fence there
            }

            var text = raw[open..(close + 2)];
            lookup[text] = lookup.TryGetValue(text, out var seen) ? (seen.First, seen.Count + 1) : (open + shift, 1);
            position = close + 2;
        }
    }

    private static int[] LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        var at = text.IndexOf('\n');
        while (at >= 0)
        {
            starts.Add(at + 1);
            at = text.IndexOf('\n', at + 1);
        }

        return [.. starts];
    }
}
