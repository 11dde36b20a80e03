namespace Kingsnake.Python.Parsing;

/// <summary>
/// Interns ASCII identifiers: a name used a thousand times (self, os, i) becomes one string, read straight from the
/// UTF-8 bytes without a decoder. One table per thread serves file after file (<see cref="ForThisThread"/>), so the
/// names every module shares are not made again for each file; strings are immutable, so trees may share them.
/// Open addressing over a power-of-two table.
/// </summary>
internal sealed class NameTable
{
    // Past this many names the table starts afresh, so that a thread never holds more than a few MB of names.
    private const int MaxNames = 1 << 16;
    private const int InitialSize = 1024;

    [ThreadStatic]
    private static NameTable? _threadTable;

    private string?[] _names = new string?[InitialSize];
    private int[] _hashes = new int[InitialSize];
    private int _count;

    /// <summary>The calling thread's table, emptied first if it has grown past its bound.</summary>
    public static NameTable ForThisThread()
    {
        var table = _threadTable ??= new NameTable();
        if (table._count > MaxNames)
        {
            table._names = new string?[InitialSize];
            table._hashes = new int[InitialSize];
            table._count = 0;
        }

        return table;
    }

    /// <summary>The string for <paramref name="name"/> if it is ASCII; null for a name with other characters.</summary>
    public string? GetAscii(ReadOnlySpan<byte> name)
    {
        // FNV-1a over the bytes, collecting their high bits on the way: short keys, no allocation, one pass.
        var hash = 2166136261u;
        var high = 0;
        foreach (var b in name)
        {
            hash = (hash ^ b) * 16777619u;
            high |= b;
        }

        if (high >= 0x80)
        {
            return null;
        }

        var hashValue = (int)(hash & 0x7FFFFFFF);
        var names = _names;
        var mask = names.Length - 1;
        var slot = hashValue & mask;
        while (names[slot] is { } existing)
        {
            if (_hashes[slot] == hashValue && Equal(existing, name))
            {
                return existing;
            }

            slot = (slot + 1) & mask;
        }

        var created = string.Create(name.Length, name, static (chars, bytes) =>
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                chars[i] = (char)bytes[i];
            }
        });
        names[slot] = created;
        _hashes[slot] = hashValue;
        if (++_count * 2 > names.Length)
        {
            Grow();
        }

        return created;
    }

    private static bool Equal(string existing, ReadOnlySpan<byte> name)
    {
        if (existing.Length != name.Length)
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            if (existing[i] != name[i])
            {
                return false;
            }
        }

        return true;
    }

    private void Grow()
    {
        var names = _names;
        var hashes = _hashes;
        _names = new string?[names.Length * 2];
        _hashes = new int[names.Length * 2];
        var mask = _names.Length - 1;
        for (var i = 0; i < names.Length; i++)
        {
            if (names[i] is { } name)
            {
                var slot = hashes[i] & mask;
                while (_names[slot] is not null)
                {
                    slot = (slot + 1) & mask;
                }

                _names[slot] = name;
                _hashes[slot] = hashes[i];
            }
        }
    }
}
