using System.Text;

namespace Kingsnake.Packaging.Markers;

/// <summary>
/// Decodes a quoted marker value the way packaging does (<c>ast.literal_eval</c> of a Python string literal):
/// backslash escapes are interpreted, unknown escapes are kept, and what Python would reject (an escaped closing
/// quote, a raw line break, a NUL, a truncated <c>\x</c>/<c>\u</c>/<c>\U</c>) is an error.
/// </summary>
internal static class PythonStringLiteral
{
    /// <summary><paramref name="literal"/> includes its quotes and contains no unescaped quote of its kind inside.</summary>
    public static bool TryDecode(ReadOnlySpan<char> literal, out string value, out string error)
    {
        value = string.Empty;
        error = string.Empty;
        var content = literal[1..^1];
        if (content.IndexOfAny('\\', '\n', '\r') < 0 && content.IndexOf('\0') < 0)
        {
            value = content.ToString();
            return true;
        }

        if (content.IndexOf('\0') >= 0)
        {
            error = "source code string cannot contain null bytes";
            return false;
        }

        var builder = new StringBuilder(content.Length);
        for (var i = 0; i < content.Length; i++)
        {
            var c = content[i];
            if (c is '\n' or '\r')
            {
                error = "unterminated string literal";
                return false;
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (i + 1 >= content.Length)
            {
                error = "unterminated string literal"; // the backslash escapes the closing quote
                return false;
            }

            var e = content[++i];
            switch (e)
            {
                case '\n':
                    break; // line continuation
                case '\r':
                    if (i + 1 < content.Length && content[i + 1] == '\n')
                    {
                        i++;
                    }

                    break;
                case '\\' or '\'' or '"':
                    builder.Append(e);
                    break;
                case 'a':
                    builder.Append('\a');
                    break;
                case 'b':
                    builder.Append('\b');
                    break;
                case 'f':
                    builder.Append('\f');
                    break;
                case 'n':
                    builder.Append('\n');
                    break;
                case 'r':
                    builder.Append('\r');
                    break;
                case 't':
                    builder.Append('\t');
                    break;
                case 'v':
                    builder.Append('\v');
                    break;
                case >= '0' and <= '7':
                {
                    var code = e - '0';
                    for (var k = 0; k < 2 && i + 1 < content.Length && content[i + 1] is >= '0' and <= '7'; k++)
                    {
                        code = (code * 8) + (content[++i] - '0');
                    }

                    builder.Append((char)code);
                    break;
                }

                case 'x' or 'u' or 'U':
                {
                    var digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    long code = 0;
                    var valid = i + digits < content.Length;
                    for (var k = 1; valid && k <= digits; k++)
                    {
                        var h = content[i + k];
                        valid = char.IsAsciiHexDigit(h);
                        code = (code * 16) + (valid ? Convert.ToInt32(h.ToString(), 16) : 0);
                    }

                    if (!valid)
                    {
                        error = e == 'x' ? "truncated \\xXX escape" : e == 'u' ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape";
                        return false;
                    }

                    if (code > 0x10FFFF)
                    {
                        error = "illegal Unicode character";
                        return false;
                    }

                    if (code > 0xFFFF)
                    {
                        builder.Append(char.ConvertFromUtf32((int)code));
                    }
                    else
                    {
                        builder.Append((char)code);
                    }

                    i += digits;
                    break;
                }

                case 'N':
                    // Named escapes need the Unicode name table; we do not carry it and refuse rather than guess.
                    error = "\\N{...} escapes are not supported in marker values";
                    return false;
                default:
                    builder.Append('\\').Append(e); // an unknown escape stays as written
                    break;
            }
        }

        value = builder.ToString();
        return true;
    }
}
