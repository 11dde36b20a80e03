using System.Formats.Tar;
using System.IO.Compression;

namespace Kingsnake.Packaging.Archives;

/// <summary>
/// Reads a tar archive, gzip-compressed or not (an sdist), member by member under <see cref="ArchiveLimits"/>. A tar
/// has no index, so every limit is checked as the stream goes: the member count; each name, and each link's target,
/// against leaving the archive; each read member's size, never trusting its header; and every byte inflated, read or
/// skipped, against the expansion limit and the compression ratio (a tar of zeros is the tar bomb). Every refusal is
/// an <see cref="ArchiveRejectedException"/>; a corrupt stream throws <see cref="InvalidDataException"/>.
/// </summary>
public sealed class SafeTarReader : IDisposable
{
    private readonly CountingStream _compressed;
    private readonly CountingStream _inflated;
    private readonly TarReader _reader;
    private TarEntry? _current;
    private int _members;

    private SafeTarReader(Stream stream, ArchiveLimits limits, bool leaveOpen)
    {
        Limits = limits;
        _compressed = new CountingStream(stream, long.MaxValue, leaveOpen, null);
        var gzip = IsGzip(stream);
        Stream content = gzip ? new GZipStream(_compressed, CompressionMode.Decompress) : _compressed;
        _inflated = new CountingStream(content, limits.MaxExpandedBytes, leaveOpen: false, gzip ? CheckRatio : null);
        _reader = new TarReader(_inflated, leaveOpen: false);
    }

    public ArchiveLimits Limits { get; }

    public static SafeTarReader Open(string path, ArchiveLimits? limits = null) =>
        Open(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read), limits, leaveOpen: false);

    /// <summary>Opens a tar or tar.gz from a seekable stream (gzip is told by its magic bytes).</summary>
    public static SafeTarReader Open(Stream stream, ArchiveLimits? limits = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new SafeTarReader(stream, limits ?? ArchiveLimits.Default, leaveOpen);
    }

    /// <summary>The next member, or null at the end of the archive; the previous member's contents can no longer be read.</summary>
    public TarMember? Next()
    {
        _current = _reader.GetNextEntry(copyData: false);
        if (_current is null)
        {
            return null;
        }

        if (++_members > Limits.MaxMembers)
        {
            throw new ArchiveRejectedException($"more than {Limits.MaxMembers} members");
        }

        var name = _current.Name;
        if (SafeZipReader.IsUnsafeMemberName(name))
        {
            throw new ArchiveRejectedException($"member name '{name}' escapes the archive (absolute or '..' path)");
        }

        var kind = _current.EntryType switch
        {
            TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile => TarMemberKind.RegularFile,
            TarEntryType.Directory => TarMemberKind.Directory,
            TarEntryType.SymbolicLink => TarMemberKind.SymbolicLink,
            TarEntryType.HardLink => TarMemberKind.HardLink,
            _ => TarMemberKind.Other,
        };
        string? target = null;
        if (kind is TarMemberKind.SymbolicLink or TarMemberKind.HardLink)
        {
            target = _current.LinkName;

            // a symbolic link resolves from its own directory, a hard link from the archive's root
            var resolved = kind == TarMemberKind.SymbolicLink && !target.StartsWith('/') ? CombineParent(name, target) : target;
            if (target.Length == 0 || target.Contains('\0', StringComparison.Ordinal) || Escapes(resolved))
            {
                throw new ArchiveRejectedException($"member '{name}' links to '{target}', outside the archive");
            }
        }

        return new TarMember(name, kind, _current.Length, target);
    }

    /// <summary>The contents of <paramref name="member"/>, the member <see cref="Next"/> returned last; at most the member limit, whatever its header says.</summary>
    public byte[] Read(TarMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (_current is null || member.Name != _current.Name)
        {
            throw new InvalidOperationException("only the member returned last can be read");
        }

        if (member.Kind != TarMemberKind.RegularFile)
        {
            throw new InvalidOperationException($"'{member.Name}' is not a regular file");
        }

        if (member.DeclaredLength > Limits.MaxMemberBytes)
        {
            throw new ArchiveRejectedException($"member '{member.Name}' expands to {member.DeclaredLength} bytes, over the {Limits.MaxMemberBytes}-byte limit");
        }

        using var buffer = new MemoryStream((int)Math.Max(0, member.DeclaredLength));
        if (_current.DataStream is { } data)
        {
            var chunk = new byte[81920];
            int read;
            while ((read = data.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + read > Limits.MaxMemberBytes)
                {
                    throw new ArchiveRejectedException($"member '{member.Name}' expands past the {Limits.MaxMemberBytes}-byte limit");
                }

                buffer.Write(chunk, 0, read);
            }
        }

        return buffer.ToArray();
    }

    public void Dispose()
    {
        _reader.Dispose();
        _inflated.Dispose();
        _compressed.Dispose();
    }

    private void CheckRatio(long inflated)
    {
        if (inflated >= Limits.RatioCheckMinimumBytes && inflated > Limits.MaxCompressionRatio * Math.Max(1, _compressed.Count))
        {
            throw new ArchiveRejectedException($"the archive has a compression ratio over {Limits.MaxCompressionRatio}:1 (tar bomb?)");
        }
    }

    private static bool IsGzip(Stream stream)
    {
        if (!stream.CanSeek)
        {
            throw new ArgumentException("the archive stream must be seekable", nameof(stream));
        }

        var start = stream.Position;
        Span<byte> magic = stackalloc byte[2];
        var read = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        stream.Position = start;
        return read == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
    }

    private static string CombineParent(string name, string target)
    {
        var slash = name.TrimEnd('/').LastIndexOf('/');
        return slash < 0 ? target : name[..(slash + 1)] + target;
    }

    /// <summary>True when a relative path climbs above the archive's root at any point.</summary>
    private static bool Escapes(string path)
    {
        if (path.Length == 0 || path[0] is '/' or '\\' || (path.Length > 1 && path[1] == ':'))
        {
            return true;
        }

        var depth = 0;
        foreach (var segment in path.Split('/', '\\'))
        {
            if (segment == "..")
            {
                if (--depth < 0)
                {
                    return true;
                }
            }
            else if (segment is not ("" or "."))
            {
                depth++;
            }
        }

        return false;
    }

    /// <summary>Counts the bytes read through it, refusing to read past a limit; calls back with the running count.</summary>
    private sealed class CountingStream(Stream inner, long limit, bool leaveOpen, Action<long>? onRead) : Stream
    {
        public long Count { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => Count;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            Count += read;
            if (Count > limit)
            {
                throw new ArchiveRejectedException($"members expand to more than {limit} bytes");
            }

            onRead?.Invoke(Count);
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !leaveOpen)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
