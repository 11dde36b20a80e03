using Kingsnake.Core.Yaml;

namespace Kingsnake.Workflows.Audits;

/// <summary>The version comment after a pinned <c>uses:</c> (<c>@&lt;sha&gt; # v4.2.2</c>, also <c># tag=v4.2.2</c> and <c># frozen: v4.2.2</c>).</summary>
internal readonly record struct VersionComment(string Text, int Line, int Column)
{
    /// <summary>The comment's first word and where it sits (1-based), or null when the line has no comment after the value.</summary>
    public static VersionComment? After(YamlScalar node, SourceText source)
    {
        var lineNumber = node.End.Line;
        var line = source.Line(lineNumber);
        var from = node.End.Column - 1;
        if (from < 0 || from > line.Length)
        {
            return null;
        }

        var i = from;
        while (i < line.Length && line[i] is ' ' or '\t')
        {
            i++;
        }

        if (i >= line.Length || line[i] != '#' || (i == from && from > 0))
        {
            // a YAML comment needs white space before '#'
            return null;
        }

        i++;
        while (i < line.Length && line[i] is ' ' or '\t')
        {
            i++;
        }

        foreach (var prefix in (ReadOnlySpan<string>)["frozen:", "tag=", "tag:"])
        {
            if (line[i..].StartsWith(prefix, StringComparison.Ordinal))
            {
                i += prefix.Length;
                while (i < line.Length && line[i] is ' ' or '\t')
                {
                    i++;
                }
            }
        }

        var end = i;
        while (end < line.Length && !char.IsWhiteSpace(line[end]) && line[end] != ',')
        {
            end++;
        }

        return end > i ? new VersionComment(line[i..end].ToString(), lineNumber, i + 1) : null;
    }
}
