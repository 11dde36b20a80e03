using Kingsnake.Core.Findings;

namespace Kingsnake.Project.Git;

/// <summary>
/// Applies git's delta format: the base's size, the result's size, then copy instructions (a range of the base) and
/// insert instructions (bytes of the delta). Every instruction is checked against the base, the delta and the declared
/// result before a byte moves, and the result must come out at exactly its declared size, which is under the store's
/// limit before anything is allocated.
/// </summary>
internal static class GitDelta
{
    public static byte[] Apply(ReadOnlySpan<byte> source, ReadOnlySpan<byte> delta)
    {
        var at = 0;
        var sourceSize = ReadSize(delta, ref at);
        var resultSize = ReadSize(delta, ref at);
        if (sourceSize != source.Length)
        {
            throw new InputFormatException($"a delta expects a {sourceSize:N0}-byte base, but its base is {source.Length:N0} bytes");
        }

        if (resultSize > GitObjectStore.MaxObjectBytes)
        {
            throw new InputFormatException($"a delta declares a {resultSize:N0}-byte result, over the {GitObjectStore.MaxObjectBytes:N0}-byte limit");
        }

        var result = new byte[resultSize];
        var written = 0;
        while (at < delta.Length)
        {
            var instruction = delta[at++];
            if ((instruction & 0x80) != 0)
            {
                long offset = 0;
                long length = 0;
                for (var bit = 0; bit < 4; bit++)
                {
                    if ((instruction & (1 << bit)) != 0)
                    {
                        offset |= (long)Byte(delta, ref at) << (8 * bit);
                    }
                }

                for (var bit = 0; bit < 3; bit++)
                {
                    if ((instruction & (0x10 << bit)) != 0)
                    {
                        length |= (long)Byte(delta, ref at) << (8 * bit);
                    }
                }

                if (length == 0)
                {
                    length = 0x10000;
                }

                if (offset + length > source.Length || written + length > result.Length)
                {
                    throw new InputFormatException("a delta copies outside its base or past its declared result");
                }

                source.Slice((int)offset, (int)length).CopyTo(result.AsSpan(written));
                written += (int)length;
            }
            else if (instruction != 0)
            {
                if (at + instruction > delta.Length || written + instruction > result.Length)
                {
                    throw new InputFormatException("a delta inserts past its own end or past its declared result");
                }

                delta.Slice(at, instruction).CopyTo(result.AsSpan(written));
                at += instruction;
                written += instruction;
            }
            else
            {
                throw new InputFormatException("a delta holds the reserved instruction 0");
            }
        }

        return written == result.Length
            ? result
            : throw new InputFormatException($"a delta's result is {written:N0} bytes, not the {resultSize:N0} it declares");
    }

    private static long ReadSize(ReadOnlySpan<byte> delta, ref int at)
    {
        long size = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (shift > 56)
            {
                throw new InputFormatException("a delta's size does not fit 63 bits");
            }

            var next = Byte(delta, ref at);
            size |= (long)(next & 0x7F) << shift;
            if ((next & 0x80) == 0)
            {
                return size;
            }
        }
    }

    private static byte Byte(ReadOnlySpan<byte> delta, ref int at) =>
        at < delta.Length ? delta[at++] : throw new InputFormatException("a delta is cut short");
}
