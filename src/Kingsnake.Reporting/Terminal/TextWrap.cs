using System.Text;

namespace Kingsnake.Reporting.Terminal;

/// <summary>
/// Greedy word wrap for the indented detail lines. A word longer than the line is never cut (URLs, paths), and
/// ANSI escape sequences count as zero columns, so coloured text wraps where plain text would.
/// </summary>
public static class TextWrap
{
    public static IEnumerable<string> Wrap(string text, int width)
    {
        if (width <= 0 || VisibleLength(text) <= width)
        {
            yield return text;
            yield break;
        }

        var line = new StringBuilder(width + 16);
        var lineLength = 0;
        foreach (var word in text.Split(' '))
        {
            var length = VisibleLength(word);
            if (lineLength > 0 && lineLength + 1 + length > width)
            {
                yield return line.ToString();
                line.Clear();
                lineLength = 0;
                if (length == 0)
                {
                    // A run of spaces at a break is dropped rather than starting the next line.
                    continue;
                }
            }

            if (line.Length > 0)
            {
                line.Append(' ');
                lineLength++;
            }

            line.Append(word);
            lineLength += length;
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }

    /// <summary>Columns the text takes on screen: UTF-16 units, less escape sequences (ESC [ … letter).</summary>
    public static int VisibleLength(string text)
    {
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\e' && i + 1 < text.Length && text[i + 1] == '[')
            {
                i += 2;
                while (i < text.Length && !char.IsAsciiLetter(text[i]))
                {
                    i++;
                }

                continue;
            }

            length++;
        }

        return length;
    }
}
