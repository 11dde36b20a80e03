using System.Globalization;
using System.Text;

namespace Kingsnake.Python.Ast;

/// <summary>Python's <c>repr()</c> of the literal types, character for character (as <c>ast.dump</c> prints them).</summary>
public static class PythonRepr
{
    /// <summary>repr() of a literal as CPython <paramref name="target"/> prints it (default 3.13: its Unicode database decides what is printable).</summary>
    public static string Of(ConstantValue value, Version? target = null) => value.Kind switch
    {
        ConstantKind.None => "None",
        ConstantKind.True => "True",
        ConstantKind.False => "False",
        ConstantKind.Ellipsis => "Ellipsis",
        ConstantKind.Int => value.Integer.ToString(CultureInfo.InvariantCulture),
        ConstantKind.Float => Float(value.Float),
        ConstantKind.Complex => Imaginary(value.Float),
        ConstantKind.Str => value.CodePoints is { } codePoints ? String(codePoints, target) : String(value.Text!, target),
        ConstantKind.Bytes => Bytes(value.Bytes!),
        _ => throw new InvalidOperationException("unknown constant kind"),
    };

    /// <summary><c>repr(float)</c>: shortest round-trip digits, exponent form below 1e-4 and from 1e16.</summary>
    public static string Float(double value) => FormatFloat(value, addPointZero: true);

    /// <summary><c>repr(complex(0, value))</c> as written by an imaginary literal.</summary>
    public static string Imaginary(double value) => FormatFloat(value, addPointZero: false) + "j";

    private static string FormatFloat(double value, bool addPointZero)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        if (value == 0)
        {
            var zero = double.IsNegative(value) ? "-0" : "0";
            return addPointZero ? zero + ".0" : zero;
        }

        // "E16" is not shortest; "R" is, so take its digits and exponent and lay them out the way Python does.
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest.StartsWith('-');
        if (negative)
        {
            shortest = shortest[1..];
        }

        var exponentAt = shortest.IndexOfAny(['E', 'e']);
        var mantissa = exponentAt < 0 ? shortest : shortest[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(shortest[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.');
        var digits = point < 0 ? mantissa : mantissa[..point] + mantissa[(point + 1)..];
        var decimalPoint = (point < 0 ? mantissa.Length : point) + exponent;
        var leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0')
        {
            leadingZeros++;
        }

        digits = digits[leadingZeros..];
        decimalPoint -= leadingZeros;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        // Python: scientific when the decimal exponent is < -4 or >= 16.
        var decimalExponent = decimalPoint - 1;
        var builder = new StringBuilder();
        if (negative)
        {
            builder.Append('-');
        }

        if (decimalExponent < -4 || decimalExponent >= 16)
        {
            builder.Append(digits[0]);
            if (digits.Length > 1)
            {
                builder.Append('.').Append(digits, 1, digits.Length - 1);
            }

            builder.Append('e').Append(decimalExponent < 0 ? '-' : '+').Append(Math.Abs(decimalExponent).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (decimalPoint <= 0)
        {
            builder.Append("0.").Append('0', -decimalPoint).Append(digits);
        }
        else if (decimalPoint >= digits.Length)
        {
            builder.Append(digits).Append('0', decimalPoint - digits.Length);
            if (addPointZero)
            {
                builder.Append(".0");
            }
        }
        else
        {
            builder.Append(digits, 0, decimalPoint).Append('.').Append(digits, decimalPoint, digits.Length - decimalPoint);
        }

        return builder.ToString();
    }

    /// <summary><c>repr(str)</c>: quote choice, escapes and the printable test of Python.</summary>
    public static string String(string value, Version? target = null)
    {
        var quote = value.Contains('\'') && !value.Contains('"') ? '"' : '\'';
        var builder = new StringBuilder(value.Length + 2);
        builder.Append(quote);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == quote || c == '\\')
            {
                builder.Append('\\').Append(c);
            }
            else if (c == '\t')
            {
                builder.Append("\\t");
            }
            else if (c == '\n')
            {
                builder.Append("\\n");
            }
            else if (c == '\r')
            {
                builder.Append("\\r");
            }
            else if (c < ' ' || c == 0x7f)
            {
                builder.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            }
            else if (c < 0x7f)
            {
                builder.Append(c);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                var codePoint = char.ConvertToUtf32(c, value[i + 1]);
                if (PythonPrintable.IsPrintable(codePoint, target))
                {
                    builder.Append(c).Append(value[i + 1]);
                }
                else
                {
                    builder.Append("\\U").Append(codePoint.ToString("x8", CultureInfo.InvariantCulture));
                }

                i++;
            }
            else if (char.IsSurrogate(c) || !PythonPrintable.IsPrintable(c, target))
            {
                builder.Append(c < 0x100 ? "\\x" : "\\u").Append(((int)c).ToString(c < 0x100 ? "x2" : "x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append(quote).ToString();
    }

    /// <summary><c>repr(str)</c> of a string given as code points (surrogates included, each its own).</summary>
    public static string String(IReadOnlyList<int> codePoints, Version? target = null)
    {
        var hasSingle = false;
        var hasDouble = false;
        foreach (var c in codePoints)
        {
            hasSingle |= c == '\'';
            hasDouble |= c == '"';
        }

        var quote = hasSingle && !hasDouble ? '"' : '\'';
        var builder = new StringBuilder(codePoints.Count + 2);
        builder.Append(quote);
        foreach (var c in codePoints)
        {
            if (c == quote || c == '\\')
            {
                builder.Append('\\').Append((char)c);
            }
            else if (c is >= 0xD800 and <= 0xDFFF)
            {
                builder.Append("\\u").Append(c.ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                // Any other code point prints as String(string) prints it alone (its quote cannot be ours).
                var one = String(char.ConvertFromUtf32(c), target);
                builder.Append(one, 1, one.Length - 2);
            }
        }

        return builder.Append(quote).ToString();
    }

    /// <summary><c>repr(bytes)</c>.</summary>
    public static string Bytes(byte[] value)
    {
        var quote = Array.IndexOf(value, (byte)'\'') >= 0 && Array.IndexOf(value, (byte)'"') < 0 ? '"' : '\'';
        var builder = new StringBuilder(value.Length + 3);
        builder.Append('b').Append(quote);
        foreach (var b in value)
        {
            if (b == quote || b == '\\')
            {
                builder.Append('\\').Append((char)b);
            }
            else if (b == '\t')
            {
                builder.Append("\\t");
            }
            else if (b == '\n')
            {
                builder.Append("\\n");
            }
            else if (b == '\r')
            {
                builder.Append("\\r");
            }
            else if (b < ' ' || b >= 0x7f)
            {
                builder.Append("\\x").Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append((char)b);
            }
        }

        return builder.Append(quote).ToString();
    }
}
