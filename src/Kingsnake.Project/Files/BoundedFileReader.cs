using System.Buffers;
using Kingsnake.Core.Findings;

namespace Kingsnake.Project.Files;

/// <summary>
/// The one way Kingsnake reads a file it did not write: regular files only (a FIFO, device or socket is refused
/// without being waited on), no final link followed, and the size judged by the bytes actually read — a length the
/// file system reports is never trusted, since <c>/dev/zero</c> reports 0 and a file can grow while it is read.
/// </summary>
public static class BoundedFileReader
{
    /// <summary>The size above which a file is refused unless a reader asks for another limit.</summary>
    public const long DefaultMaxBytes = 16L * 1024 * 1024;

    private const int FirstChunk = 64 * 1024;

    /// <summary>
    /// Reads <paramref name="fullPath"/>. Throws <see cref="InputFormatException"/> (without any of the file's contents)
    /// when it is not a regular file, is a link, is over <paramref name="maxBytes"/>, or cannot be read.
    /// </summary>
    public static byte[] Read(string fullPath, long maxBytes = DefaultMaxBytes)
    {
        Microsoft.Win32.SafeHandles.SafeFileHandle? handle;
        EntryKind kind;
        try
        {
            handle = NativeFiles.OpenRegular(fullPath, out kind);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputFormatException($"cannot read file: {ex.Message}", ex);
        }

        if (handle is null)
        {
            throw kind == EntryKind.Missing ? new InputFormatException("no such file") : new EntryRefusedException($"not read: it is {kind.Describe()}, not a regular file");
        }

        using (handle)
        {
            try
            {
                return ReadAll(handle, maxBytes);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new InputFormatException($"cannot read file: {ex.Message}", ex);
            }
        }
    }

    private static byte[] ReadAll(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long maxBytes)
    {
        // one byte past the limit tells "exactly at the limit" from "over it" without trusting any reported length
        var cap = maxBytes >= int.MaxValue ? int.MaxValue : (int)maxBytes + 1;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(FirstChunk, cap));
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (buffer.Length >= cap)
                    {
                        break;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, cap));
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = RandomAccess.Read(handle, buffer.AsSpan(filled, Math.Min(buffer.Length, cap) - filled), filled);
                if (read <= 0)
                {
                    break;
                }

                filled += read;
                if (filled >= cap)
                {
                    break;
                }
            }

            if (filled > maxBytes)
            {
                throw new InputFormatException($"file is over the {maxBytes:N0}-byte limit; not read");
            }

            return buffer.AsSpan(0, filled).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

/// <summary>
/// An entry Kingsnake will not read at all — a FIFO, device, socket or link, or a path outside the project — as
/// opposed to a regular file that could not be read. Callers that look for an optional file (a configuration) treat it
/// as absent, with a note.
/// </summary>
public sealed class EntryRefusedException : InputFormatException
{
    public EntryRefusedException(string message)
        : base(message)
    {
    }

    public EntryRefusedException()
        : base("not read")
    {
    }

    public EntryRefusedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
