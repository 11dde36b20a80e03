using System.Collections.Concurrent;
using System.Text;
using Kingsnake.Core.Suppression;

namespace Kingsnake.Cli.Commands;

/// <summary>
/// The project's files, line by line, read from the directory the audit runs on, for suppression comments and peers'
/// configuration. Stands in until the project layer serves files read once: each file is read at most once per run and
/// kept. Reads are bounded and confined: a path must stay inside the root after following links; a file whose size is
/// reported as 0 is taken as empty without being opened (FIFOs and devices report 0, and opening a FIFO waits forever);
/// at most <see cref="MaxBytes"/> bytes are read, counted as they are read, and a longer file counts as absent; bytes
/// that are not UTF-8 are decoded with replacement characters (comments are ASCII).
/// </summary>
internal sealed class ProjectSourceLines(string rootPath) : ISourceLines
{
    /// <summary>The largest file read (the code audit scans nothing larger).</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    private static readonly UTF8Encoding Lenient = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly string _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootPath));
    private readonly ConcurrentDictionary<string, List<string>?> _files = new(StringComparer.Ordinal);

    public IReadOnlyList<string>? Lines(string relativePath) => _files.GetOrAdd(relativePath, Read);

    private List<string>? Read(string relativePath)
    {
        try
        {
            var full = Path.GetFullPath(Path.Combine(_root, relativePath));
            if (!IsInside(full) || !File.Exists(full))
            {
                return null;
            }

            var info = new FileInfo(full);
            if (info.LinkTarget is not null && (info.ResolveLinkTarget(returnFinalTarget: true) is not { } target || !IsInside(target.FullName)))
            {
                return null;
            }

            if (info.Length == 0)
            {
                return [];
            }

            if (info.Length > MaxBytes)
            {
                return null;
            }

            using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            var buffer = new byte[Math.Min(info.Length + 1, MaxBytes + 1)];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += read;
            }

            if (total > MaxBytes)
            {
                return null;
            }

            var bytes = buffer.AsSpan(0, total);
            if (bytes.StartsWith("\uFEFF"u8))
            {
                bytes = bytes[3..];
            }

            return SourceLines.Split(Lenient.GetString(bytes));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private bool IsInside(string full) =>
        full.StartsWith(_root, StringComparison.Ordinal) && (full.Length == _root.Length || full[_root.Length] == Path.DirectorySeparatorChar);
}
