using System.IO.Compression;

namespace Kingsnake.Packaging.Archives;

/// <summary>
/// Reads a zip archive (an advisory export, a wheel) under <see cref="ArchiveLimits"/>. Opening refuses an archive
/// with too many members or with any member named outside it (absolute, drive-qualified, <c>..</c> segments, NUL);
/// <see cref="Select"/> checks the sizes the chosen members declare (each, their ratio, their total) before anything
/// is inflated; <see cref="Read"/> inflates one member without trusting its declared size and keeps a running total.
/// Every refusal is an <see cref="ArchiveRejectedException"/>; a member whose data is corrupt throws
/// <see cref="InvalidDataException"/>, which callers may treat as an error for that member only.
/// Not thread-safe (neither is <see cref="ZipArchive"/>): read members one at a time and parse them in parallel.
/// </summary>
public sealed class SafeZipReader : IDisposable
{
    private readonly ZipArchive _archive;
    private long _expanded;

    private SafeZipReader(ZipArchive archive, ArchiveLimits limits)
    {
        _archive = archive;
        Limits = limits;
        var members = archive.Entries;
        if (members.Count > limits.MaxMembers)
        {
            throw new ArchiveRejectedException($"{members.Count} members exceed the limit of {limits.MaxMembers}");
        }

        var files = new List<ZipMember>(members.Count);
        foreach (var member in members)
        {
            if (IsUnsafeMemberName(member.FullName))
            {
                throw new ArchiveRejectedException($"member name '{member.FullName}' escapes the archive (absolute or '..' path)");
            }

            if (!member.FullName.EndsWith('/'))
            {
                files.Add(new ZipMember(member));
            }
        }

        Files = files;
    }

    public ArchiveLimits Limits { get; }

    /// <summary>The file members (directory entries left out), in archive order.</summary>
    public IReadOnlyList<ZipMember> Files { get; }

    /// <summary>Opens the zip at <paramref name="path"/>; a file that is not a zip throws <see cref="InvalidDataException"/>.</summary>
    public static SafeZipReader Open(string path, ArchiveLimits? limits = null)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            return Open(stream, limits, leaveOpen: false);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Opens a zip from a seekable stream (an archive inside an archive, a download in memory).</summary>
    public static SafeZipReader Open(Stream stream, ArchiveLimits? limits = null, bool leaveOpen = false)
    {
        var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen);
        try
        {
            return new SafeZipReader(archive, limits ?? ArchiveLimits.Default);
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The file members <paramref name="wanted"/> picks, sorted by ordinal name, after checking what they declare:
    /// each within the member limit and the compression ratio, all together within the expansion limit.
    /// Members not picked are never inflated and count against nothing but the member limit.
    /// </summary>
    public IReadOnlyList<ZipMember> Select(Func<ZipMember, bool> wanted)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        long declaredTotal = 0;
        var selected = new List<ZipMember>();
        foreach (var member in Files)
        {
            if (!wanted(member))
            {
                continue;
            }

            if (member.DeclaredLength > Limits.MaxMemberBytes)
            {
                throw new ArchiveRejectedException($"member '{member.Name}' expands to {member.DeclaredLength} bytes, over the {Limits.MaxMemberBytes}-byte limit");
            }

            if (member.DeclaredLength >= Limits.RatioCheckMinimumBytes
                && member.DeclaredLength > Limits.MaxCompressionRatio * Math.Max(1, member.CompressedLength))
            {
                throw new ArchiveRejectedException($"member '{member.Name}' has a compression ratio over {Limits.MaxCompressionRatio}:1 (zip bomb?)");
            }

            declaredTotal += member.DeclaredLength;
            if (declaredTotal > Limits.MaxExpandedBytes)
            {
                throw new ArchiveRejectedException($"members expand to more than {Limits.MaxExpandedBytes} bytes");
            }

            selected.Add(member);
        }

        selected.Sort(static (left, right) => string.CompareOrdinal(left.Name, right.Name));
        return selected;
    }

    /// <summary>
    /// Inflates <paramref name="member"/>, never past the member limit whatever its header says, and adds its size to
    /// the archive's running total, refused past the expansion limit.
    /// </summary>
    public byte[] Read(ZipMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (member.Entry.Archive != _archive)
        {
            throw new ArgumentException("the member belongs to another archive", nameof(member));
        }

        using var stream = member.Entry.Open();
        using var buffer = new MemoryStream((int)Math.Min(Math.Max(0, member.DeclaredLength), Limits.MaxMemberBytes) + 1);
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > Limits.MaxMemberBytes)
            {
                throw new ArchiveRejectedException($"member '{member.Name}' expands past the {Limits.MaxMemberBytes}-byte limit");
            }

            buffer.Write(chunk, 0, read);
        }

        _expanded += buffer.Length;
        if (_expanded > Limits.MaxExpandedBytes)
        {
            throw new ArchiveRejectedException($"members expand to more than {Limits.MaxExpandedBytes} bytes");
        }

        return buffer.ToArray();
    }

    public void Dispose() => _archive.Dispose();

    /// <summary>True for a member name that would land outside the directory an archive is read into.</summary>
    public static bool IsUnsafeMemberName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name[0] is '/' or '\\' || (name.Length > 1 && name[1] == ':') || name.Contains('\0', StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var segment in name.Split('/', '\\'))
        {
            if (segment == "..")
            {
                return true;
            }
        }

        return false;
    }
}
