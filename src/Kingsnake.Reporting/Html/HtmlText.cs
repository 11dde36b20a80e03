namespace Kingsnake.Reporting.Html;

/// <summary>
/// Escaping for the HTML report. Paths, messages and code lines come from the audited project and may be hostile
/// (a file named <c>&lt;script&gt;.py</c>, a line that closes a tag): every one is written as character data, valid
/// both between tags and inside a double- or single-quoted attribute value.
/// </summary>
public static class HtmlText
{
    /// <summary>Writes <paramref name="text"/> escaped to <paramref name="writer"/>.</summary>
    public static void Write(TextWriter writer, string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var replacement = Replacement(text[i]);
            if (replacement is null)
            {
                continue;
            }

            writer.Write(text.AsSpan(start, i - start));
            writer.Write(replacement);
            start = i + 1;
        }

        writer.Write(text.AsSpan(start));
    }

    /// <summary><paramref name="text"/> escaped, as a string.</summary>
    public static string Escape(string text)
    {
        using var writer = new StringWriter();
        Write(writer, text);
        return writer.ToString();
    }

    private static string? Replacement(char c) => c switch
    {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '"' => "&quot;",
        '\'' => "&#39;",
        // Tab and line feed are text; a carriage return would be folded into a line break by the parser anyway.
        '\t' or '\n' => null,
        // Other controls are parse errors in HTML (NUL is even dropped or replaced depending on where it falls):
        // shown as the replacement character, so the reader sees that something unprintable was there.
        _ when char.IsControl(c) => "\uFFFD",
        _ => null,
    };
}
