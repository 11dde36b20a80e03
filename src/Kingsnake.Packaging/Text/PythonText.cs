using System.Buffers;
using System.Globalization;
using System.Text;

namespace Kingsnake.Packaging.Text;

/// <summary>
/// The few pieces of CPython string and <c>re</c> semantics that the packaging standards' reference
/// implementation leans on: what <c>\s</c> and <c>str.strip()</c> treat as whitespace, what <c>\w</c> (and so
/// <c>\b</c>) treats as a word character, how <c>re.IGNORECASE</c> matches ASCII letters, and
/// <c>str.lower()</c>. Matching these exactly is what makes our answers equal the reference's on odd input.
/// </summary>
public static class PythonText
{
    /// <summary>CPython's limit on digits in an int-from-string conversion (sys.int_info.default_max_str_digits).</summary>
    public const int MaxIntegerDigits = 4300;

    /// <summary>True for the characters CPython's <c>str.isspace()</c> and the regex class <c>\s</c> accept.</summary>
    public static bool IsSpace(char c) =>
        c is ' ' or (>= '\t' and <= '\r') || (c < 128 ? c is >= '\x1c' and <= '\x1f' : IsNonAsciiSpace(c));

    private static bool IsNonAsciiSpace(char c) =>
        c is '\x85' or '\xa0' or '\u1680' or (>= '\u2000' and <= '\u200a') or '\u2028' or '\u2029' or '\u202f' or '\u205f' or '\u3000';

    /// <summary>Python's <c>str.strip()</c> with no argument.</summary>
    public static string Strip(string text)
    {
        var span = text.AsSpan();
        var start = 0;
        while (start < span.Length && IsSpace(span[start]))
        {
            start++;
        }

        var end = span.Length;
        while (end > start && IsSpace(span[end - 1]))
        {
            end--;
        }

        return start == 0 && end == span.Length ? text : text[start..end];
    }

    /// <summary>
    /// Whether <paramref name="c"/> matches the lower-case ASCII letter <paramref name="letter"/> under
    /// <c>re.IGNORECASE</c>: besides the two ASCII cases, CPython folds U+0130 and U+0131 to 'i', U+017F (long s)
    /// to 's' and U+212A (Kelvin sign) to 'k'.
    /// </summary>
    public static bool MatchesLetterIgnoreCase(char c, char letter)
    {
        if (c < 128)
        {
            return c == letter || (c is >= 'A' and <= 'Z' && (char)(c | 0x20) == letter);
        }

        return letter switch
        {
            'i' => c is '\u0130' or '\u0131',
            's' => c == '\u017f',
            'k' => c == '\u212a',
            _ => false,
        };
    }

    /// <summary>Whether the text at <paramref name="start"/> matches the lower-case ASCII <paramref name="literal"/> under <c>re.IGNORECASE</c>.</summary>
    public static bool MatchesIgnoreCase(ReadOnlySpan<char> text, int start, string literal)
    {
        if (start + literal.Length > text.Length)
        {
            return false;
        }

        for (var i = 0; i < literal.Length; i++)
        {
            if (!MatchesLetterIgnoreCase(text[start + i], literal[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="c"/> matches <c>[a-z0-9]</c> under <c>re.IGNORECASE</c>.</summary>
    public static bool IsAlphanumericIgnoreCase(char c) =>
        c < 128 ? char.IsAsciiLetterOrDigit(c) : c is '\u0130' or '\u0131' or '\u017f' or '\u212a';

    /// <summary>Whether the code point is a <c>\w</c> character for CPython's <c>re</c> (alphanumeric per <c>str.isalnum()</c>, or '_').</summary>
    public static bool IsWordRune(Rune rune)
    {
        if (rune.IsAscii)
        {
            return char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value == '_';
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
            _ => false,
        };
    }

    /// <summary>The regex assertion <c>\b</c> at <paramref name="position"/> (word characters per CPython).</summary>
    public static bool IsWordBoundary(ReadOnlySpan<char> text, int position)
    {
        var before = position > 0 && Rune.DecodeLastFromUtf16(text[..position], out var previous, out _) == OperationStatus.Done
            && IsWordRune(previous);
        var after = position < text.Length && Rune.DecodeFromUtf16(text[position..], out var next, out _) == OperationStatus.Done
            && IsWordRune(next);
        return before != after;
    }

    /// <summary>
    /// CPython's <c>str.lower()</c>: the full lower-case mapping, i.e. the simple mapping plus U+0130 becoming
    /// "i\u0307" and the final-sigma rule for U+03A3.
    /// </summary>
    public static string Lower(string text)
    {
        var i = 0;
        while (i < text.Length && text[i] < 128 && !char.IsAsciiLetterUpper(text[i]))
        {
            i++;
        }

        if (i == text.Length)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, i);
        while (i < text.Length)
        {
            var c = text[i];
            if (c < 128)
            {
                builder.Append(char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c);
                i++;
                continue;
            }

            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed) != OperationStatus.Done)
            {
                builder.Append(c); // a lone surrogate has no case
                i++;
                continue;
            }

            if (rune.Value == 0x130)
            {
                builder.Append("i\u0307");
            }
            else if (rune.Value == 0x3a3)
            {
                builder.Append(IsFinalSigma(text, i) ? '\u03c2' : '\u03c3');
            }
            else
            {
                var lower = Rune.ToLowerInvariant(rune);
                if (lower.IsBmp)
                {
                    builder.Append((char)lower.Value);
                }
                else
                {
                    builder.Append(char.ConvertFromUtf32(lower.Value));
                }
            }

            i += consumed;
        }

        return builder.ToString();
    }

    // Unicode's Final_Sigma condition: a cased letter before (skipping case-ignorable characters) and none after.
    private static bool IsFinalSigma(string text, int index)
    {
        var j = index;
        var casedBefore = false;
        while (j > 0)
        {
            if (Rune.DecodeLastFromUtf16(text.AsSpan(0, j), out var previous, out var length) != OperationStatus.Done)
            {
                break;
            }

            j -= length;
            if (IsCaseIgnorable(previous))
            {
                continue;
            }

            casedBefore = IsCased(previous);
            break;
        }

        if (!casedBefore)
        {
            return false;
        }

        j = index + 1;
        while (j < text.Length)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(j), out var next, out var length) != OperationStatus.Done)
            {
                break;
            }

            j += length;
            if (IsCaseIgnorable(next))
            {
                continue;
            }

            return !IsCased(next);
        }

        return true;
    }

    private static bool IsCased(Rune rune) => Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter
        or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        || Rune.ToLowerInvariant(rune) != rune || Rune.ToUpperInvariant(rune) != rune;

    private static bool IsCaseIgnorable(Rune rune) =>
        rune.Value is '\'' or '.' or ':' or '^' or '`' or 0xb7 or 0x2018 or 0x2019 or 0x2024 or 0x2027 or 0xfe13 or 0xfe52 or 0xfe55 or 0xff07 or 0xff0e or 0xff1a
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.Format or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol;

    /// <summary>Python's ordering of strings: by code point (which differs from UTF-16 ordinal order above U+D7FF).</summary>
    public static int CompareCodePoints(string left, string right)
    {
        var length = Math.Min(left.Length, right.Length);
        for (var i = 0; i < length; i++)
        {
            var l = left[i];
            var r = right[i];
            if (l == r)
            {
                continue;
            }

            // Surrogates (code points above U+FFFF) sort after U+E000..U+FFFF in code-point order.
            var lk = char.IsSurrogate(l) ? l + 0x10000 : l;
            var rk = char.IsSurrogate(r) ? r + 0x10000 : r;
            return lk < rk ? -1 : 1;
        }

        return left.Length.CompareTo(right.Length);
    }

    /// <summary>True when every character is an ASCII digit (and there is at least one).</summary>
    public static bool IsAsciiDigits(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
