namespace Kingsnake.Core.Yaml;

/// <summary>The text of a file with an index of line starts, for offset ↔ line/column conversion.</summary>
public sealed class SourceText
{
    private readonly int[] _lineStarts;

    public SourceText(string text)
    {
        Text = text;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        _lineStarts = [.. starts];
    }

    public string Text { get; }

    public int LineCount => _lineStarts.Length;

    /// <summary>The position of a 0-based offset (clamped to the text).</summary>
    public YamlPosition PositionAt(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var index = Array.BinarySearch(_lineStarts, offset);
        var line = index >= 0 ? index : ~index - 1;
        return new YamlPosition(line + 1, offset - _lineStarts[line] + 1, offset);
    }

    /// <summary>The offset of a 1-based line and column, or -1 when the column lies past the line's end.</summary>
    public int OffsetOf(int line, int column)
    {
        if (line < 1 || line > _lineStarts.Length || column < 1 || column - 1 > Line(line).Length)
        {
            return -1;
        }

        return _lineStarts[line - 1] + column - 1;
    }

    /// <summary>The text of a 1-based line without its line break.</summary>
    public ReadOnlySpan<char> Line(int line)
    {
        if (line < 1 || line > _lineStarts.Length)
        {
            return [];
        }

        var start = _lineStarts[line - 1];
        var end = line < _lineStarts.Length ? _lineStarts[line] : Text.Length;
        var span = Text.AsSpan(start, end - start);
        return span.TrimEnd("\r\n");
    }
}
