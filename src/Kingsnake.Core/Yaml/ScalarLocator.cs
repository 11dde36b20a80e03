namespace Kingsnake.Core.Yaml;

/// <summary>
/// Maps a range of a scalar's value back to the source text, so that findings point at the exact
/// characters (an expression inside <c>run: |</c>, say) rather than at the whole scalar.
/// </summary>
public static class ScalarLocator
{
    /// <summary>
    /// The source span of <c>scalar.Value[start..end]</c>. Exact for plain, quoted-without-escapes and literal
    /// block scalars, and for any text that appears verbatim in the source; otherwise the scalar's own span.
    /// Every mapping is checked against the source text, so a wrong guess degrades to the scalar, never lies.
    /// </summary>
    public static (YamlPosition Start, YamlPosition End) Locate(YamlScalar scalar, SourceText source, int start, int end)
    {
        var value = scalar.Value;
        start = Math.Clamp(start, 0, value.Length);
        end = Math.Clamp(end, start, value.Length);
        var text = source.Text;
        var raw0 = Math.Clamp(scalar.Start.Offset, 0, text.Length);
        var raw1 = Math.Clamp(scalar.End.Offset, raw0, text.Length);
        var wanted = value.AsSpan(start, end - start);

        if (scalar.Style == YamlScalarStyle.Literal && TryLiteral(scalar, source, start, end, out var literal))
        {
            return literal;
        }

        var shift = scalar.Style is YamlScalarStyle.SingleQuoted or YamlScalarStyle.DoubleQuoted ? 1 : 0;
        var direct = raw0 + shift + start;
        if (scalar.Style is not (YamlScalarStyle.Literal or YamlScalarStyle.Folded) && direct + wanted.Length <= raw1
            && text.AsSpan(direct, wanted.Length).SequenceEqual(wanted) && start <= scalar.Layout.FirstSpecial)
        {
            return (source.PositionAt(direct), source.PositionAt(direct + wanted.Length));
        }

        if (wanted.Length > 0 && !wanted.Contains('\n'))
        {
            // the one place the text appears in the scalar's source: a whole fence from an index of the source's fences,
            // other text searched for once per distinct text
            if (!scalar.Layout.TryFindFence(source, raw0, raw1, wanted, out var unique) && !scalar.Layout.TryGetSearch(source, wanted, out unique))
            {
                var at = text.AsSpan(raw0, raw1 - raw0).IndexOf(wanted, StringComparison.Ordinal);
                unique = at >= 0 && text.AsSpan(raw0 + at + 1, raw1 - raw0 - at - 1).IndexOf(wanted, StringComparison.Ordinal) < 0 ? raw0 + at : -1;
                scalar.Layout.RememberSearch(source, wanted, unique);
            }

            if (unique >= 0)
            {
                return (source.PositionAt(unique), source.PositionAt(unique + wanted.Length));
            }
        }

        return (scalar.Start, scalar.End);
    }

    private static bool TryLiteral(YamlScalar scalar, SourceText source, int start, int end, out (YamlPosition, YamlPosition) span)
    {
        span = default;
        var value = scalar.Value;
        var indent = scalar.Layout.BlockIndent(scalar, source);
        if (indent < 0)
        {
            return false;
        }

        var first = Map(scalar, start, scalar.Start.Line, indent);
        var last = Map(scalar, end, scalar.Start.Line, indent);
        var wanted = value.AsSpan(start, end - start);
        var startOffset = OffsetOf(source, first);
        if (startOffset < 0 || wanted.Contains('\n'))
        {
            // multi-line ranges are still exact when both ends land on their characters
            if (startOffset < 0 || OffsetOf(source, last) < 0)
            {
                return false;
            }
        }
        else if (startOffset + wanted.Length > source.Text.Length || !source.Text.AsSpan(startOffset, wanted.Length).SequenceEqual(wanted))
        {
            return false;
        }

        span = (source.PositionAt(startOffset), source.PositionAt(OffsetOf(source, last)));
        return true;
    }

    private static (int Line, int Column) Map(YamlScalar scalar, int offset, int headerLine, int indent)
    {
        var (lineIndex, lineStart) = scalar.Layout.LineOf(offset);
        return (headerLine + 1 + lineIndex, indent + (offset - lineStart) + 1);
    }

    private static int OffsetOf(SourceText source, (int Line, int Column) at) => source.OffsetOf(at.Line, at.Column);
}
