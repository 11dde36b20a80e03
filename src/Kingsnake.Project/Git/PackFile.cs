using System.Buffers.Binary;
using System.IO.Compression;
using Kingsnake.Core.Findings;
using Kingsnake.Project.Files;
using Microsoft.Win32.SafeHandles;

namespace Kingsnake.Project.Git;

/// <summary>
/// A <c>.pack</c> and its index, read entry by entry with positioned reads on one handle (a pack can be gigabytes;
/// only the entries asked for are read). Every entry is checked as it is read: its header stays inside the pack, its
/// declared size is under the store's limit, a delta's base lies before it, and its data inflates to exactly the size
/// it declares. Not thread-safe: one reader at a time.
/// </summary>
internal sealed class PackFile : IDisposable
{
    public const int TypeOffsetDelta = 6;
    public const int TypeReferenceDelta = 7;

    private const int HeaderBytes = 12;
    private const int MaxEntryHeaderBytes = 10 + 10 + GitObjectIds.RawLength; // type and size, then a base offset or id

    private readonly SafeFileHandle _handle;
    private readonly long _dataEnd;
    private readonly PackDataStream _stream;

    private PackFile(string name, PackIndex index, SafeFileHandle handle, long length)
    {
        Name = name;
        Index = index;
        _handle = handle;
        _dataEnd = length - GitObjectIds.RawLength; // the pack's own SHA-1 closes it
        _stream = new PackDataStream(handle, _dataEnd);
    }

    /// <summary>The pack's file name (<c>pack-….pack</c>), for messages.</summary>
    public string Name { get; }

    public PackIndex Index { get; }

    /// <summary>Opens the pack at <paramref name="packPath"/> with its index; throws <see cref="InputFormatException"/> when either is not sound.</summary>
    public static PackFile Open(string packPath, string indexPath)
    {
        var name = Path.GetFileName(packPath);
        PackIndex index;
        try
        {
            index = PackIndex.Read(indexPath);
        }
        catch (EntryRefusedException ex)
        {
            throw new EntryRefusedException($"{Path.GetFileName(indexPath)}: {ex.Message}", ex);
        }
        catch (InputFormatException ex)
        {
            throw new InputFormatException($"{Path.GetFileName(indexPath)}: {ex.Message}", ex);
        }

        SafeFileHandle? handle;
        EntryKind kind;
        try
        {
            handle = NativeFiles.OpenRegular(packPath, out kind);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputFormatException($"{name}: cannot read: {ex.Message}", ex);
        }

        if (handle is null)
        {
            throw new EntryRefusedException($"{name}: not read: it is {kind.Describe()}, not a regular file");
        }

        try
        {
            // the length of a regular file is only used to stop reads at the trailer; every read still counts what it got
            var length = RandomAccess.GetLength(handle);
            Span<byte> header = stackalloc byte[HeaderBytes];
            if (length < HeaderBytes + GitObjectIds.RawLength || RandomAccess.Read(handle, header, 0) != HeaderBytes
                || !header[..4].SequenceEqual("PACK"u8))
            {
                throw new InputFormatException($"{name}: not a pack file");
            }

            var version = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
            var count = BinaryPrimitives.ReadUInt32BigEndian(header[8..]);
            if (version is not (2 or 3))
            {
                throw new InputFormatException($"{name}: pack version {version} is not supported");
            }

            if (count != index.Count)
            {
                throw new InputFormatException($"{name}: the pack holds {count:N0} objects but its index lists {index.Count:N0}");
            }

            return new PackFile(name, index, handle, length);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            handle.Dispose();
            throw new InputFormatException($"{name}: cannot read: {ex.Message}", ex);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads the entry header at <paramref name="offset"/>. For a reference delta, <paramref name="baseId"/> receives the
    /// base's id; for an offset delta, <see cref="PackEntry.BaseOffset"/> is where the base starts, always before the entry.
    /// </summary>
    public PackEntry ReadEntry(long offset, Span<byte> baseId)
    {
        if (offset < HeaderBytes || offset >= _dataEnd)
        {
            throw Corrupt(offset, "the offset lies outside the pack's entries");
        }

        Span<byte> buffer = stackalloc byte[MaxEntryHeaderBytes];
        int available;
        try
        {
            available = RandomAccess.Read(_handle, buffer[..(int)Math.Min(MaxEntryHeaderBytes, _dataEnd - offset)], offset);
        }
        catch (IOException ex)
        {
            throw new InputFormatException($"{Name}: cannot read: {ex.Message}", ex);
        }

        buffer = buffer[..Math.Max(available, 0)];
        var at = 0;
        var next = Next(buffer, ref at, offset);
        var type = (next >> 4) & 7;
        long size = next & 0x0F;
        for (var shift = 4; (next & 0x80) != 0; shift += 7)
        {
            if (shift > 56)
            {
                throw Corrupt(offset, "the entry's size does not fit 63 bits");
            }

            next = Next(buffer, ref at, offset);
            size |= (long)(next & 0x7F) << shift;
        }

        var baseOffset = -1L;
        switch (type)
        {
            case TypeOffsetDelta:
                next = Next(buffer, ref at, offset);
                var distance = (long)(next & 0x7F);
                while ((next & 0x80) != 0)
                {
                    if (distance > (long.MaxValue >> 8))
                    {
                        throw Corrupt(offset, "the delta's base distance does not fit 63 bits");
                    }

                    next = Next(buffer, ref at, offset);
                    distance = ((distance + 1) << 7) | (long)(next & 0x7F);
                }

                // a base strictly before its delta makes every offset chain finite: no cycle through offsets is possible
                baseOffset = offset - distance;
                if (distance <= 0 || baseOffset < HeaderBytes)
                {
                    throw Corrupt(offset, "the delta's base lies outside the pack");
                }

                break;
            case TypeReferenceDelta:
                if (buffer.Length - at < GitObjectIds.RawLength)
                {
                    throw Corrupt(offset, "the entry is cut short");
                }

                buffer.Slice(at, GitObjectIds.RawLength).CopyTo(baseId);
                at += GitObjectIds.RawLength;
                break;
            case (int)GitObjectType.Commit or (int)GitObjectType.Tree or (int)GitObjectType.Blob or (int)GitObjectType.Tag:
                break;
            default:
                throw Corrupt(offset, $"unknown entry type {type}");
        }

        return new PackEntry(type, size, offset + at, baseOffset);
    }

    /// <summary>
    /// Inflates the data of the entry whose compressed bytes start at <paramref name="dataOffset"/>: exactly
    /// <paramref name="size"/> bytes, and the compressed stream must end there. The size was checked against the
    /// limit by the caller, so the buffer is bounded before anything is read.
    /// </summary>
    public byte[] Inflate(long entryOffset, long dataOffset, long size)
    {
        if (size > GitObjectStore.MaxObjectBytes)
        {
            throw Corrupt(entryOffset, $"the entry declares {size:N0} bytes, over the {GitObjectStore.MaxObjectBytes:N0}-byte limit");
        }

        var data = new byte[size];
        _stream.Position = dataOffset;
        try
        {
            using var inflater = new ZLibStream(_stream, CompressionMode.Decompress, leaveOpen: true);
            inflater.ReadExactly(data);
            Span<byte> probe = stackalloc byte[1];
            if (inflater.Read(probe) != 0)
            {
                throw Corrupt(entryOffset, $"the entry inflates to more than the {size:N0} bytes it declares");
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException)
        {
            throw Corrupt(entryOffset, ex is EndOfStreamException ? $"the entry inflates to less than the {size:N0} bytes it declares, or the pack is cut short" : "the entry's compressed data is damaged");
        }
        catch (IOException ex)
        {
            throw new InputFormatException($"{Name}: cannot read: {ex.Message}", ex);
        }

        return data;
    }

    public void Dispose()
    {
        _stream.Dispose();
        _handle.Dispose();
    }

    private byte Next(ReadOnlySpan<byte> buffer, ref int at, long offset) =>
        at < buffer.Length ? buffer[at++] : throw Corrupt(offset, "the entry is cut short");

    private InputFormatException Corrupt(long offset, string why) => new($"{Name}: entry at offset {offset:N0}: {why}");
}
