using System.Buffers.Binary;
using Kingsnake.Core.Findings;
using Kingsnake.Project.Files;

namespace Kingsnake.Project.Git;

/// <summary>
/// A pack's <c>.idx</c> (version 2): the sorted object ids of the pack and where each starts in it. The file is read
/// whole through the bounded reader and its layout checked against its own object count before any lookup, so a
/// lookup never reads past the table it indexes; an offset the index gives is only checked by the pack that reads it.
/// </summary>
internal sealed class PackIndex
{
    /// <summary>About 19 million objects; a larger index is refused rather than held in memory.</summary>
    public const long MaxIndexBytes = 512L * 1024 * 1024;

    private const int FanoutAt = 8;
    private const int NamesAt = FanoutAt + 256 * 4;
    private const int TrailerBytes = 2 * GitObjectIds.RawLength;

    private readonly byte[] _data;
    private readonly int _offsetsAt;
    private readonly int _largeOffsetsAt;
    private readonly int _largeOffsetCount;

    private PackIndex(byte[] data, int count, int largeOffsetCount)
    {
        _data = data;
        Count = count;
        _offsetsAt = NamesAt + count * (GitObjectIds.RawLength + 4); // names, then one CRC-32 each
        _largeOffsetsAt = _offsetsAt + count * 4;
        _largeOffsetCount = largeOffsetCount;
    }

    public int Count { get; }

    /// <summary>Reads and checks the index at <paramref name="path"/>; throws <see cref="InputFormatException"/> when it is not one.</summary>
    public static PackIndex Read(string path)
    {
        var data = BoundedFileReader.Read(path, MaxIndexBytes);
        if (data.Length < NamesAt + TrailerBytes || data[0] != 0xFF || data[1] != (byte)'t' || data[2] != (byte)'O' || data[3] != (byte)'c')
        {
            throw new InputFormatException("not a version 2 pack index (version 1 indexes, from before git 1.5.2, are not read)");
        }

        if (BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(4)) != 2)
        {
            throw new InputFormatException($"pack index version {BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(4))} is not supported");
        }

        uint previous = 0;
        for (var bucket = 0; bucket < 256; bucket++)
        {
            var upTo = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(FanoutAt + bucket * 4));
            if (upTo < previous)
            {
                throw new InputFormatException("pack index fan-out table is not ascending");
            }

            previous = upTo;
        }

        // every table's size follows from the count; what is left before the trailer is the 64-bit offset table
        var fixedBytes = NamesAt + (long)previous * (GitObjectIds.RawLength + 4 + 4) + TrailerBytes;
        if (fixedBytes > data.Length || (data.Length - fixedBytes) % 8 != 0)
        {
            throw new InputFormatException($"pack index is {data.Length:N0} bytes, which does not fit the {previous:N0} objects it counts");
        }

        return new PackIndex(data, (int)previous, (int)((data.Length - fixedBytes) / 8));
    }

    /// <summary>The pack offset of the object <paramref name="id"/>, or -1 when this pack does not hold it.</summary>
    public long Find(ReadOnlySpan<byte> id)
    {
        var first = id[0];
        var low = first == 0 ? 0 : (int)BinaryPrimitives.ReadUInt32BigEndian(_data.AsSpan(FanoutAt + (first - 1) * 4));
        var high = (int)BinaryPrimitives.ReadUInt32BigEndian(_data.AsSpan(FanoutAt + first * 4)) - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var order = IdAt(middle).SequenceCompareTo(id);
            if (order == 0)
            {
                return OffsetAt(middle);
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }

    public ReadOnlySpan<byte> IdAt(int index) => _data.AsSpan(NamesAt + index * GitObjectIds.RawLength, GitObjectIds.RawLength);

    /// <summary>The offset of the <paramref name="index"/>th object, through the 64-bit table when its high bit says so.</summary>
    public long OffsetAt(int index)
    {
        var small = BinaryPrimitives.ReadUInt32BigEndian(_data.AsSpan(_offsetsAt + index * 4));
        if ((small & 0x8000_0000) == 0)
        {
            return small;
        }

        var large = (int)(small & 0x7FFF_FFFF);
        if (large >= _largeOffsetCount)
        {
            throw new InputFormatException($"pack index names 64-bit offset {large:N0}, but holds only {_largeOffsetCount:N0}");
        }

        var offset = BinaryPrimitives.ReadInt64BigEndian(_data.AsSpan(_largeOffsetsAt + large * 8));
        return offset >= 0 ? offset : throw new InputFormatException("pack index gives a negative 64-bit offset");
    }
}
