using System.IO.Compression;

namespace Kingsnake.Packaging.Archives;

/// <summary>One file member of a zip archive opened by <see cref="SafeZipReader"/>, its name already checked to stay inside the archive.</summary>
public sealed class ZipMember
{
    internal ZipMember(ZipArchiveEntry entry)
    {
        Entry = entry;
    }

    /// <summary>The member's path inside the archive, as stored (forward slashes by the zip convention).</summary>
    public string Name => Entry.FullName;

    /// <summary>The uncompressed size the archive declares; reading never trusts it.</summary>
    public long DeclaredLength => Entry.Length;

    public long CompressedLength => Entry.CompressedLength;

    internal ZipArchiveEntry Entry { get; }

    public override string ToString() => Name;
}
