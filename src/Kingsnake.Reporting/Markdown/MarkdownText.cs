using System.Text;

namespace Kingsnake.Reporting.Markdown;

/// <summary>
/// Escaping for GitHub-flavoured Markdown. Messages, paths and package names come from the audited project and
/// may be hostile: they are shown as text, never interpreted as Markdown or HTML, and never break a table row.
/// </summary>
public static class MarkdownText
{
    /// <summary>
    /// Plain text for a paragraph, list item or table cell: one line; every character with Markdown meaning
    /// backslash-escaped (CommonMark lets any ASCII punctuation be escaped); '&amp;' as an entity so that text like
    /// "&amp;copy;" is not turned into a symbol.
    /// </summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        var previousWasControl = false;
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                if (!previousWasControl)
                {
                    builder.Append(' ');
                }

                previousWasControl = true;
                continue;
            }

            previousWasControl = false;
            switch (c)
            {
                case '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '~' or '#' or '!' or '$':
                    builder.Append('\\').Append(c);
                    break;
                case '&':
                    builder.Append("&amp;");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Text as inline code: a code span fenced with one backtick more than the longest run inside it, padded with
    /// a space when it starts or ends with a backtick (CommonMark strips one such space on each side). Table rows
    /// are split on '|' before code spans are seen; GFM lets '\|' stand inside a code span but other readers
    /// (Markdig) keep the backslash, so text with a '|' in a table becomes a &lt;code&gt; element around escaped
    /// text instead, which every reader shows the same.
    /// </summary>
    public static string Code(string text, bool inTable = true)
    {
        var oneLine = OneLine(text);
        if (inTable && oneLine.Contains('|', StringComparison.Ordinal))
        {
            return "<code>" + Escape(oneLine) + "</code>";
        }

        var longestRun = 0;
        var run = 0;
        foreach (var c in oneLine)
        {
            run = c == '`' ? run + 1 : 0;
            longestRun = Math.Max(longestRun, run);
        }

        var fence = new string('`', longestRun + 1);
        var pad = oneLine.StartsWith('`') || oneLine.EndsWith('`') || (oneLine.StartsWith(' ') && oneLine.EndsWith(' ') && oneLine.Trim().Length > 0)
            ? " "
            : "";
        return oneLine.Length == 0 ? "` `" : fence + pad + oneLine + pad + fence;
    }

    private static string OneLine(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString();
    }
}
