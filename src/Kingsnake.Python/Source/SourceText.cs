using System.Text;
using System.Text.Unicode;

namespace Kingsnake.Python.Source;

/// <summary>
/// A Python source file as UTF-8 bytes (re-encoded if a PEP 263 declaration names another encoding, BOM removed),
/// with its line starts. Offsets and columns are UTF-8 byte positions, as CPython reports them; character (UTF-16)
/// columns for editors and SARIF are computed on demand.
/// </summary>
public sealed class SourceText
{
    private readonly int[] _lineStarts;

    private SourceText(byte[] utf8, int start)
    {
        Bytes = utf8;
        Start = start;
        _lineStarts = ComputeLineStarts(utf8, start);
    }

    /// <summary>The UTF-8 text; the source starts at <see cref="Start"/> (after a BOM).</summary>
    public byte[] Bytes { get; }

    public int Start { get; }

    public int LineCount => _lineStarts.Length;

    /// <summary>Decodes a file's bytes as CPython does: BOM, PEP 263 declaration, strict UTF-8.</summary>
    public static SourceText FromBytes(byte[] bytes)
    {
        var start = 0;
        var bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        if (bom)
        {
            start = 3;
        }

        // CPython reports a bad declaration without a position (line 0), before any line is tokenized.
        var declared = FindEncodingDeclaration(bytes, start, out _);
        if (declared is not null && !IsUtf8(declared))
        {
            if (bom)
            {
                throw new PythonSyntaxError($"encoding problem: {declared} with BOM", 0, 0);
            }

            var encoding = ResolveEncoding(declared) ?? throw new PythonSyntaxError($"unknown encoding: {declared}", 0, 0);
            string text;
            try
            {
                text = encoding.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                throw new PythonSyntaxError($"(unicode error) '{declared}' codec can't decode the file", 1, 0);
            }

            return Checked(new SourceText(Encoding.UTF8.GetBytes(text), 0));
        }

        ValidateUtf8(bytes, start);
        return Checked(new SourceText(bytes, start));
    }

    public static SourceText FromString(string text) => Checked(new SourceText(Encoding.UTF8.GetBytes(text), 0));

    private static SourceText Checked(SourceText source)
    {
        var nul = Array.IndexOf(source.Bytes, (byte)0, source.Start);
        if (nul >= 0)
        {
            var (line, column) = source.Position(nul);
            throw new PythonSyntaxError("source code cannot contain null bytes", line, column);
        }

        return source;
    }

    /// <summary>1-based line and 0-based byte column of an offset.</summary>
    public (int Line, int Column) Position(int offset)
    {
        var index = Array.BinarySearch(_lineStarts, offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return (index + 1, offset - _lineStarts[index]);
    }

    /// <summary>Offset where 1-based <paramref name="line"/> starts.</summary>
    public int LineStart(int line) => _lineStarts[Math.Clamp(line - 1, 0, _lineStarts.Length - 1)];

    internal int[] LineStarts => _lineStarts;

    /// <summary>Converts CPython's UTF-8 byte column on <paramref name="line"/> into a UTF-16 character column.</summary>
    public int CharacterColumn(int line, int byteColumn)
    {
        var start = LineStart(line);
        var length = Math.Min(byteColumn, Bytes.Length - start);
        return length <= 0 ? 0 : Encoding.UTF8.GetCharCount(Bytes, start, length);
    }

    /// <summary>The text between two offsets (for messages, debug f-strings, names).</summary>
    public string Text(int start, int end) => Encoding.UTF8.GetString(Bytes, start, end - start);

    private static int[] ComputeLineStarts(byte[] bytes, int start)
    {
        // Sized exactly: a line starts after each '\n' and after each '\r' not followed by '\n' (vectorized counts).
        var text = bytes.AsSpan(start);
        var lineFeeds = text.Count((byte)'\n');
        var count = 1 + lineFeeds + (text.Contains((byte)'\r') ? text.Count((byte)'\r') - text.Count("\r\n"u8) : 0);
        var starts = new int[count];
        starts[0] = start;
        var n = 1;
        var i = start;
        while (true)
        {
            // Vectorized search for the next line end.
            var next = bytes.AsSpan(i).IndexOfAny((byte)'\n', (byte)'\r');
            if (next < 0)
            {
                break;
            }

            i += next;
            if (bytes[i] == '\r' && i + 1 < bytes.Length && bytes[i + 1] == '\n')
            {
                i++;
            }

            starts[n++] = ++i;
        }

        return starts;
    }

    private static void ValidateUtf8(byte[] bytes, int start)
    {
        var span = bytes.AsSpan(start);
        if (Utf8.IsValid(span))
        {
            return;
        }

        var offset = 0;
        while (offset < span.Length)
        {
            if (System.Buffers.OperationStatus.Done != Rune.DecodeFromUtf8(span[offset..], out _, out var consumed))
            {
                break;
            }

            offset += consumed;
        }

        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (span[i] == '\n' || (span[i] == '\r' && (i + 1 >= span.Length || span[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }

        throw new PythonSyntaxError($"(unicode error) 'utf-8' codec can't decode byte 0x{span[offset]:x2} in position {offset}: invalid utf-8", line, offset - lineStart);
    }

    private static bool IsUtf8(string name)
    {
        var normalized = Normalize(name);
        return normalized is "utf-8" || normalized.StartsWith("utf-8-", StringComparison.Ordinal);
    }

    private static string Normalize(string name) => name.ToLowerInvariant().Replace('_', '-');

    private static Encoding? ResolveEncoding(string name)
    {
        var normalized = Normalize(name);
        if (normalized is "latin-1" or "iso-8859-1" or "iso-latin-1" or "latin1" or "l1" or "iso8859-1" || normalized.StartsWith("latin-1-", StringComparison.Ordinal) || normalized.StartsWith("iso-8859-1-", StringComparison.Ordinal) || normalized.StartsWith("iso-latin-1-", StringComparison.Ordinal))
        {
            return Encoding.Latin1;
        }

        if (normalized is "ascii" or "us-ascii" or "646")
        {
            return Encoding.GetEncoding("us-ascii", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }

        try
        {
            // Legacy code pages (cp1252, koi8-r …) ship with .NET but must be registered once.
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(normalized, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>PEP 263: <c>coding[:=]\s*([-\w.]+)</c> in a comment on line 1, or on line 2 if line 1 is blank or a comment.</summary>
    private static string? FindEncodingDeclaration(byte[] bytes, int start, out int line)
    {
        line = 1;
        var position = start;
        for (var lineIndex = 0; lineIndex < 2 && position < bytes.Length; lineIndex++)
        {
            line = lineIndex + 1;
            var end = position;
            while (end < bytes.Length && bytes[end] != '\n' && bytes[end] != '\r')
            {
                end++;
            }

            var text = bytes.AsSpan(position, end - position);
            var i = 0;
            while (i < text.Length && (text[i] == ' ' || text[i] == '\t' || text[i] == '\f'))
            {
                i++;
            }

            if (i < text.Length && text[i] == '#')
            {
                var comment = text[i..];
                var at = comment.IndexOf("coding"u8);
                while (at >= 0)
                {
                    var after = at + 6;
                    if (after < comment.Length && (comment[after] == ':' || comment[after] == '='))
                    {
                        after++;
                        while (after < comment.Length && (comment[after] == ' ' || comment[after] == '\t'))
                        {
                            after++;
                        }

                        var nameStart = after;
                        while (after < comment.Length && (char.IsAsciiLetterOrDigit((char)comment[after]) || comment[after] is (byte)'-' or (byte)'_' or (byte)'.'))
                        {
                            after++;
                        }

                        if (after > nameStart)
                        {
                            return Encoding.ASCII.GetString(comment[nameStart..after]);
                        }
                    }

                    var next = comment[(at + 6)..].IndexOf("coding"u8);
                    at = next < 0 ? -1 : at + 6 + next;
                }
            }
            else if (i < text.Length)
            {
                return null; // a code line ends the search
            }

            position = end;
            if (position < bytes.Length && bytes[position] == '\r')
            {
                position++;
            }

            if (position < bytes.Length && bytes[position] == '\n')
            {
                position++;
            }
        }

        return null;
    }
}
