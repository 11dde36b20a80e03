using System.Security.Cryptography;
using Kingsnake.Core.Findings;
using Kingsnake.Project.Files;

namespace Kingsnake.Posture.Sbom;

/// <summary>
/// Opens a file named on the command line (a wheel, an sdist) the way every other input is read: a regular file only,
/// no final link followed, never blocking on a FIFO. Its content is streamed (hashing, archive reading), not loaded.
/// </summary>
internal static class RegularFile
{
    /// <summary>A read-only stream over <paramref name="path"/>; <see cref="InputFormatException"/> when it is no regular file.</summary>
    public static FileStream Open(string path)
    {
        SafeFileHandleHolder holder;
        try
        {
            holder = new(NativeFiles.OpenRegular(path, out var kind), kind);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputFormatException($"cannot read file: {ex.Message}", ex);
        }

        if (holder.Handle is null)
        {
            throw new InputFormatException(holder.Kind == EntryKind.Missing ? "no such file" : $"not read: it is {holder.Kind.Describe()}, not a regular file");
        }

        return new FileStream(holder.Handle, FileAccess.Read);
    }

    /// <summary>The lowercase hex SHA-256 of the whole file.</summary>
    public static string Sha256(string path)
    {
        using var stream = Open(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private readonly record struct SafeFileHandleHolder(Microsoft.Win32.SafeHandles.SafeFileHandle? Handle, EntryKind Kind);
}
