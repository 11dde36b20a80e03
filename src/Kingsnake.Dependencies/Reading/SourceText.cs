using System.Text;
using Kingsnake.Core.Findings;

namespace Kingsnake.Dependencies.Reading;

/// <summary>Reads input files with the size limit and strict UTF-8 decoding every reader shares.</summary>
public static class SourceText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Reads <paramref name="fullPath"/> as UTF-8 (a BOM is skipped). Throws <see cref="InputFormatException"/>
    /// for a file over <paramref name="maxBytes"/>, invalid UTF-8 (with the line of the first bad byte), or an I/O failure.
    /// </summary>
    public static string ReadFile(string fullPath, long maxBytes) => Decode(ReadBytes(fullPath, maxBytes));

    /// <summary>Reads the raw bytes of <paramref name="fullPath"/> under the size limit (same errors as <see cref="ReadFile"/>).</summary>
    public static byte[] ReadBytes(string fullPath, long maxBytes)
    {
        byte[] bytes;
        try
        {
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            if (stream.Length > maxBytes)
            {
                throw new InputFormatException($"file is {stream.Length:N0} bytes, over the {maxBytes:N0}-byte limit");
            }

            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }
        catch (IOException ex)
        {
            throw new InputFormatException($"cannot read file: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new InputFormatException($"cannot read file: {ex.Message}", ex);
        }

        return bytes;
    }

    /// <summary>Decodes strict UTF-8, skipping a BOM; invalid bytes raise an error naming the line.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\xEF\xBB\xBF"u8))
        {
            bytes = bytes[3..];
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            var offset = ex.Index >= 0 ? ex.Index : FirstInvalidOffset(bytes);
            var line = 1;
            for (var i = 0; i < offset && i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    line++;
                }
            }

            throw new InputFormatException($"invalid UTF-8 (byte offset {offset})", line, 1, ex);
        }
    }

    private static int FirstInvalidOffset(ReadOnlySpan<byte> bytes)
    {
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes, new char[bytes.Length], out var read, out _, replaceInvalidSequences: false);
        return status == System.Buffers.OperationStatus.Done ? 0 : read;
    }
}
