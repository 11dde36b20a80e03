namespace Kingsnake.Workflows.Yaml;

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
