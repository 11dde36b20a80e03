using System.Text;

namespace Kingsnake.Reporting.Common;

/// <summary>The writer settings shared by the text renderers: UTF-8 without BOM, '\n' line ends, stream left open.</summary>
internal static class TextOutput
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static StreamWriter CreateWriter(Stream output) =>
        new(output, Utf8NoBom, bufferSize: 16 * 1024, leaveOpen: true) { NewLine = "\n" };

    /// <summary>Text on one line: line breaks and other control characters become spaces (or are dropped).</summary>
    public static string OneLine(string text)
    {
        var clean = true;
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return text;
        }

        // Each run of control characters (a CR LF, a tab) becomes one space, so a message stays one line.
        var builder = new StringBuilder(text.Length);
        var previousWasControl = false;
        foreach (var c in text)
        {
            var control = char.IsControl(c);
            if (!control)
            {
                builder.Append(c);
            }
            else if (!previousWasControl)
            {
                builder.Append(' ');
            }

            previousWasControl = control;
        }

        return builder.ToString();
    }

    /// <summary>The first <paramref name="most"/> ids, and "and N more" for the rest.</summary>
    public static string Abbreviate(IReadOnlyList<string> ids, int most) =>
        ids.Count <= most ? string.Join(", ", ids) : $"{string.Join(", ", ids.Take(most))} and {ids.Count - most} more";
}
