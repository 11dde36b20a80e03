namespace Kingsnake.Core.Output;

/// <summary>
/// Writes an output file (a report, a baseline, the compiled advisory index) so that a failed write never leaves a
/// truncated file behind: the bytes go to a temporary file beside the target, flushed, then renamed over it. A target
/// that exists and is not a regular file (<c>/dev/stdout</c>, a FIFO, a link) is written in place, since renaming
/// over it would replace the device or the link instead of writing to it.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Writes what <paramref name="write"/> puts in the stream to <paramref name="path"/>. The directory must exist.
    /// Throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when it cannot be written; the
    /// target is then as it was.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        if (!IsSystemPath(full) && new FileInfo(full).LinkTarget is not null && File.ResolveLinkTarget(full, returnFinalTarget: true) is { } target)
        {
            full = target.FullName; // replace the file the link points to, and keep the link
        }

        if (IsSystemPath(full))
        {
            WriteInPlace(full, write);
            return;
        }

        var existing = new FileInfo(full);
        if (existing.Exists && existing.Length == 0)
        {
            // FIFOs and sockets report no length, as an empty file does: open what is there and ask whether it is a file
            // one can seek in (then replace it as any file) or a stream, which is written in place.
            using var stream = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            if (!stream.CanSeek)
            {
                write(stream);
                stream.Flush();
                return;
            }
        }

        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"directory {directory} does not exist");
        }

        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid().ToString("N")[..8]}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                // no fsync: the rename is what keeps readers from a half-written file; a report or cache that a power
                // loss leaves empty is written again, while a disk round trip on every write is paid by every run
                stream.Flush();
            }

            if (existing.Exists && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, existing.UnixFileMode);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // the write already failed (or the file was moved); that is what the caller reports
            }
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> as <see cref="Write(string, Action{Stream})"/> does.</summary>
    public static void Write(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));

    private static void WriteInPlace(string full, Action<Stream> write)
    {
        using var stream = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        write(stream);
        stream.Flush();
    }

    /// <summary>Devices and process files (<c>/dev/stdout</c>, <c>/dev/fd/63</c> of a shell's process substitution): never replaced.</summary>
    private static bool IsSystemPath(string full) =>
        !OperatingSystem.IsWindows() && (full.StartsWith("/dev/", StringComparison.Ordinal) || full.StartsWith("/proc/", StringComparison.Ordinal));
}
