using Microsoft.Win32.SafeHandles;

namespace Kingsnake.Project.Git;

/// <summary>
/// The compressed data of one pack entry, as a stream for <see cref="System.IO.Compression.ZLibStream"/>: positioned
/// reads on the pack's handle that stop at the pack's checksum, so a stream that never ends inside the pack is cut off
/// there instead of reading on. One per pack, moved from entry to entry.
/// </summary>
internal sealed class PackDataStream : Stream
{
    private readonly SafeFileHandle _handle;
    private readonly long _end;
    private long _position;

    public PackDataStream(SafeFileHandle handle, long end)
    {
        _handle = handle;
        _end = end;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => _position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var left = _end - _position;
        if (left <= 0 || buffer.IsEmpty)
        {
            return 0;
        }

        var read = RandomAccess.Read(_handle, buffer[..(int)Math.Min(buffer.Length, left)], _position);
        _position += Math.Max(read, 0);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
