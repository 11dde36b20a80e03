using Kingsnake.Core.Findings;
using Kingsnake.Workflows.Yaml;

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

    private static TextEdit Insert(AuditTarget target, int offset, string text)
    {
        var at = target.Source.PositionAt(offset);
        return new TextEdit(new SourceSpan(target.Path, at.Line, at.Column, at.Line, at.Column), text);
    }
}
