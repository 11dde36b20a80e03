using System.Text;
using Kingsnake.Core.Findings;

namespace Kingsnake.Core.Text;

/// <summary>The one strict UTF-8 decoding of file contents: a leading BOM skipped, invalid bytes an error naming their line.</summary>
public static class StrictUtf8
{
    private static readonly UTF8Encoding Encoding = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Decodes <paramref name="bytes"/>, or throws <see cref="InputFormatException"/> at the line of the first invalid
    /// byte ("invalid UTF-8 in <paramref name="what"/> (byte offset N)"), never quoting the bytes.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string? what = null)
    {
        if (bytes.StartsWith("\xEF\xBB\xBF"u8))
        {
            bytes = bytes[3..];
        }

        try
        {
            return Encoding.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            var status = System.Text.Unicode.Utf8.ToUtf16(bytes, new char[bytes.Length], out var offset, out _, replaceInvalidSequences: false);
            offset = status == System.Buffers.OperationStatus.Done ? 0 : offset;
            var line = 1 + bytes[..Math.Min(offset, bytes.Length)].Count((byte)'\n');
            throw new InputFormatException($"invalid UTF-8{(what is null ? "" : " in " + what)} (byte offset {offset})", line, 1, ex);
        }
    }
}
