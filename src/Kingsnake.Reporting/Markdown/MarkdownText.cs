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
    /// Text as an inline code span: fenced with one backtick more than the longest run inside it, padded with a
    /// space when it starts or ends with a backtick (CommonMark strips one such space on each side). Inside a
    /// table, GFM splits cells on '|' even within code spans, so it becomes '\|' (which GFM turns back into '|').
    /// </summary>
    public static string Code(string text, bool inTable = true)
    {
        var oneLine = OneLine(text);
        var longestRun = 0;
        var run = 0;
        foreach (var c in oneLine)
        {
            run = c == '`' ? run + 1 : 0;
            longestRun = Math.Max(longestRun, run);
        }

        if (inTable)
        {
            oneLine = oneLine.Replace("|", "\\|", StringComparison.Ordinal);
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
