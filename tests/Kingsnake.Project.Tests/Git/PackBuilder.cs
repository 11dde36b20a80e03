using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Kingsnake.Project.Git;

namespace Kingsnake.Project.Tests.Git;

/// <summary>
/// Writes packs and indexes by hand, byte by byte as git lays them out, so a test can say exactly what a hostile pack
/// claims: a size, a delta, a base, an offset the index gives.
/// </summary>
internal sealed class PackBuilder
{
    private readonly MemoryStream _pack = new();
    private readonly List<(byte[] Id, long Offset)> _entries = [];

    public PackBuilder()
    {
        _pack.Write("PACK"u8);
        _pack.Write([0, 0, 0, 2, 0, 0, 0, 0]); // version 2; the count is filled in by Write
    }

    /// <summary>The id git gives an object of this type and body.</summary>
    public static byte[] IdOf(GitObjectType type, byte[] body)
    {
        var header = Encoding.ASCII.GetBytes($"{type.ToString().ToLowerInvariant()} {body.Length}\0");
        return SHA1.HashData([.. header, .. body]);
    }

    public static string Text(byte[] id) => Convert.ToHexStringLower(id);

    /// <summary>Adds a whole object; returns its id.</summary>
    public byte[] Add(GitObjectType type, byte[] body)
    {
        var id = IdOf(type, body);
        AddRaw(id, (int)type, body.Length, body);
        return id;
    }

    /// <summary>
    /// Adds an entry with any type code and declared size over <paramref name="payload"/> (compressed here unless
    /// <paramref name="compress"/> is false), optionally an offset delta's base offset or a reference delta's base id.
    /// Returns where the entry starts.
    /// </summary>
    public long AddRaw(byte[] id, int typeCode, long declaredSize, byte[] payload, long baseOffset = -1, byte[]? baseId = null, bool compress = true)
    {
        var offset = _pack.Position;
        _entries.Add((id, offset));
        var size = (ulong)declaredSize;
        var first = (byte)((typeCode << 4) | (int)(size & 0x0F));
        size >>= 4;
        _pack.WriteByte(size != 0 ? (byte)(first | 0x80) : first);
        while (size != 0)
        {
            var next = (byte)(size & 0x7F);
            size >>= 7;
            _pack.WriteByte(size != 0 ? (byte)(next | 0x80) : next);
        }

        if (baseOffset >= 0)
        {
            var distance = offset - baseOffset;
            var bytes = new List<byte> { (byte)(distance & 0x7F) };
            while ((distance >>= 7) != 0)
            {
                distance--;
                bytes.Insert(0, (byte)(0x80 | (distance & 0x7F)));
            }

            _pack.Write(bytes.ToArray());
        }

        if (baseId is not null)
        {
            _pack.Write(baseId);
        }

        _pack.Write(compress ? Compress(payload) : payload);
        return offset;
    }

    public static byte[] Compress(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>A delta: base size, result size, then the instructions as given (see <see cref="Copy"/> and <see cref="Insert"/>).</summary>
    public static byte[] Delta(long baseSize, long resultSize, params byte[][] instructions)
    {
        var bytes = new List<byte>();
        foreach (var value in new[] { baseSize, resultSize })
        {
            var rest = (ulong)value;
            do
            {
                var next = (byte)(rest & 0x7F);
                rest >>= 7;
                bytes.Add(rest != 0 ? (byte)(next | 0x80) : next);
            }
            while (rest != 0);
        }

        foreach (var instruction in instructions)
        {
            bytes.AddRange(instruction);
        }

        return [.. bytes];
    }

    /// <summary>Copy <paramref name="length"/> bytes (1 to 0xFFFFFF) of the base from <paramref name="offset"/>.</summary>
    public static byte[] Copy(uint offset, uint length) =>
        [0x80 | 0x0F | 0x70, (byte)offset, (byte)(offset >> 8), (byte)(offset >> 16), (byte)(offset >> 24), (byte)length, (byte)(length >> 8), (byte)(length >> 16)];

    public static byte[] Insert(byte[] data) => [(byte)data.Length, .. data];

    /// <summary>
    /// Writes <c>pack-x.pack</c> and <c>pack-x.idx</c> under <paramref name="objectsDirectory"/>/pack. With
    /// <paramref name="largeOffsets"/> every offset goes through the 64-bit table; <paramref name="offsetOf"/> lets the
    /// index lie about where an entry is.
    /// </summary>
    public void Write(string objectsDirectory, bool largeOffsets = false, Func<long, long>? offsetOf = null, int? countInPack = null)
    {
        var packDirectory = Path.Combine(objectsDirectory, "pack");
        Directory.CreateDirectory(packDirectory);
        var pack = _pack.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(pack.AsSpan(8), (uint)(countInPack ?? _entries.Count));
        pack = [.. pack, .. SHA1.HashData(pack)];
        File.WriteAllBytes(Path.Combine(packDirectory, "pack-test.pack"), pack);

        var sorted = _entries.OrderBy(entry => entry.Id, ByteOrder.Instance).ToList();
        using var index = new MemoryStream();
        index.Write([0xFF, (byte)'t', (byte)'O', (byte)'c', 0, 0, 0, 2]);
        Span<byte> word = stackalloc byte[8];
        for (var bucket = 0; bucket < 256; bucket++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(word, (uint)sorted.Count(entry => entry.Id[0] <= bucket));
            index.Write(word[..4]);
        }

        sorted.ForEach(entry => index.Write(entry.Id));
        sorted.ForEach(_ => index.Write([0, 0, 0, 0])); // CRC-32s, which readers need only to copy entries
        for (var i = 0; i < sorted.Count; i++)
        {
            var offset = offsetOf?.Invoke(sorted[i].Offset) ?? sorted[i].Offset;
            BinaryPrimitives.WriteUInt32BigEndian(word, largeOffsets ? 0x8000_0000u | (uint)i : (uint)offset);
            index.Write(word[..4]);
        }

        if (largeOffsets)
        {
            for (var i = 0; i < sorted.Count; i++)
            {
                BinaryPrimitives.WriteInt64BigEndian(word, offsetOf?.Invoke(sorted[i].Offset) ?? sorted[i].Offset);
                index.Write(word);
            }
        }

        index.Write(pack.AsSpan(pack.Length - 20));
        index.Write(SHA1.HashData(index.ToArray()));
        File.WriteAllBytes(Path.Combine(packDirectory, "pack-test.idx"), index.ToArray());
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
