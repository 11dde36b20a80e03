using System.Text;
using Kingsnake.Core.Findings;

namespace Kingsnake.Project;

/// <summary>
/// The bytes of one file as read once for the whole run, with what every area derives from them computed once: the
/// strict UTF-8 text and the start of every line.
/// </summary>
public sealed class FileContent
{
    private string? _text;
    private int[]? _lineStarts;

    public FileContent(string relativePath, byte[] bytes)
    {
        RelativePath = relativePath;
        Bytes = bytes;
    }

    public string RelativePath { get; }

    public byte[] Bytes { get; }

    /// <summary>
    /// The text as strict UTF-8 (a BOM is skipped). Throws <see cref="InputFormatException"/> naming the line of the
    /// first invalid byte. Python source is decoded by the tokenizer instead, which honours PEP 263 declarations.
    /// </summary>
    public string Text => _text ??= Decode(Bytes);

    /// <summary>The number of lines (a final line without a newline counts; an empty file has none).</summary>
    public int LineCount => LineStarts[^1] == Bytes.Length ? LineStarts.Length - 1 : LineStarts.Length;

    /// <summary>Line <paramref name="line"/> (1-based) without its line break, decoded leniently; null past the end.</summary>
    public string? Line(int line)
    {
        var starts = LineStarts;
        if (line < 1 || line > LineCount)
        {
            return null;
        }

        var start = starts[line - 1];
        var end = line < starts.Length ? starts[line] : Bytes.Length;
        var span = Bytes.AsSpan(start, end - start);
        if (line == 1 && span.StartsWith("\xEF\xBB\xBF"u8))
        {
            span = span[3..];
        }

        span = span.TrimEnd("\r\n"u8);
        return Encoding.UTF8.GetString(span);
    }

    /// <summary>Byte offsets where each line starts (split at <c>\n</c>, <c>\r\n</c> and a lone <c>\r</c>, as Python does).</summary>
    private int[] LineStarts => _lineStarts ??= ComputeLineStarts(Bytes);

    private static int[] ComputeLineStarts(byte[] bytes)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n' || (bytes[i] == (byte)'\r' && (i + 1 >= bytes.Length || bytes[i + 1] != (byte)'\n')))
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }

    /// <summary>Decodes strict UTF-8, skipping a BOM; invalid bytes raise an error naming the line.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes) => Kingsnake.Core.Text.StrictUtf8.Decode(bytes);
}
