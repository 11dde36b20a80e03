using Kingsnake.Core.Findings;
using Kingsnake.Core.Yaml;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// Minimal text edits to block-style YAML that keep everything else (comments, quoting, blank lines) as written:
/// insert lines after a node or before a key, at a computed indentation.
/// </summary>
internal static class YamlEdits
{
    /// <summary>
    /// Where the last scalar under <paramref name="node"/> ends. A block collection's own end is where the parser saw
    /// the next token, possibly inside the following line; its last scalar's end is exact.
    /// </summary>
    public static int LastScalarEnd(YamlNode node)
    {
        while (true)
        {
            switch (node)
            {
                case YamlMapping { Count: > 0 } mapping:
                    node = mapping.Entries[^1].Value;
                    continue;
                case YamlSequence { Count: > 0 } sequence:
                    node = sequence.Items[^1];
                    continue;
                default:
                    return node.End.Offset;
            }
        }
    }

    /// <summary>An edit inserting <paramref name="lines"/> (each ending in '\n') on the line after the one where <paramref name="node"/> ends.</summary>
    public static TextEdit InsertLinesAfter(AuditTarget target, YamlNode node, string lines)
    {
        var text = target.Source.Text;
        var end = LastScalarEnd(node);
        int insertAt;
        if (end > 0 && text[end - 1] == '\n')
        {
            insertAt = end;
        }
        else
        {
            var newline = text.IndexOf('\n', end);
            insertAt = newline < 0 ? text.Length : newline + 1;
        }

        if (insertAt == text.Length && text.Length > 0 && text[^1] != '\n')
        {
            lines = "\n" + lines;
        }

        return Insert(target, insertAt, lines);
    }

    /// <summary>An edit inserting <paramref name="lines"/> before the line of <paramref name="key"/>, above any comment lines that lead into it.</summary>
    public static TextEdit InsertLinesBefore(AuditTarget target, YamlScalar key, string lines)
    {
        var line = key.Start.Line;
        while (line > 1 && target.Source.Line(line - 1).TrimStart().StartsWith("#"))
        {
            line--;
        }

        return Insert(target, target.Source.OffsetOf(line, 1), lines);
    }

    /// <summary>True when every key of <paramref name="mapping"/> starts a line at the same column (block style, one key a line).</summary>
    public static bool IsBlockMapping(AuditTarget target, YamlMapping mapping)
    {
        if (mapping.Count == 0 || target.Source.Text[mapping.Start.Offset] == '{')
        {
            return false;
        }

        var column = mapping.Entries[0].Key.Start.Column;
        var previousLine = 0;
        foreach (var (key, _) in mapping.Entries)
        {
            if (key.Start.Column != column || key.Start.Line == previousLine)
            {
                return false;
            }

            previousLine = key.Start.Line;
        }

        return true;
    }

    /// <summary>
    /// An edit deleting the whole lines of the entry <paramref name="key"/>: <paramref name="value"/> (from the key's line to
    /// the value's last line, line breaks included), or null when something other than indentation precedes the key on its
    /// line or follows the value on its last line apart from a comment (a flow collection, say).
    /// </summary>
    public static TextEdit? DeleteEntryLines(AuditTarget target, YamlScalar key, YamlNode value)
    {
        var source = target.Source;
        var text = source.Text;
        var lineStart = source.OffsetOf(key.Start.Line, 1);
        if (lineStart < 0 || !text.AsSpan(lineStart, key.Start.Offset - lineStart).IsWhiteSpace())
        {
            return null;
        }

        var end = Math.Max(key.End.Offset, LastScalarEnd(value));
        int deleteTo;
        if (end > 0 && text[end - 1] == '\n')
        {
            deleteTo = end; // a block scalar ends after its line break
        }
        else
        {
            var newline = text.IndexOf('\n', end);
            var lineEnd = newline < 0 ? text.Length : newline;
            var rest = text.AsSpan(end, lineEnd - end).Trim(" \t\r");
            if (rest.Length > 0 && rest[0] != '#')
            {
                return null;
            }

            deleteTo = newline < 0 ? text.Length : newline + 1;
        }

        var from = source.PositionAt(lineStart);
        var to = source.PositionAt(deleteTo);
        return new TextEdit(new SourceSpan(target.Path, from.Line, from.Column, to.Line, to.Column), "");
    }

    /// <summary>True when only spaces precede <paramref name="key"/> on its line and only a comment (or nothing) follows <paramref name="key"/>'s colon.</summary>
    public static bool KeyIsAloneOnLine(AuditTarget target, YamlScalar key)
    {
        var source = target.Source;
        var line = source.Line(key.Start.Line);
        var column = key.Start.Column - 1;
        if (!line[..column].IsWhiteSpace())
        {
            return false;
        }

        var afterKey = line[(key.End.Column - 1)..].TrimStart(" \t");
        if (afterKey.Length == 0 || afterKey[0] != ':')
        {
            return false;
        }

        var rest = afterKey[1..].Trim(" \t");
        return rest.Length == 0 || rest[0] == '#';
    }

    /// <summary>An edit replacing the text of <paramref name="node"/> with <paramref name="newText"/>.</summary>
    public static TextEdit Replace(AuditTarget target, YamlNode node, string newText) =>
        new(new SourceSpan(target.Path, node.Start.Line, node.Start.Column, node.End.Line, node.End.Column), newText);

    private static TextEdit Insert(AuditTarget target, int offset, string text)
    {
        var at = target.Source.PositionAt(offset);
        return new TextEdit(new SourceSpan(target.Path, at.Line, at.Column, at.Line, at.Column), text);
    }
}
