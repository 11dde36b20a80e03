namespace Kingsnake.Python.Parsing;

/// <summary>
/// Interns ASCII identifiers for one parse: a name used a thousand times (self, os, i) becomes one string, read
/// straight from the UTF-8 bytes without a decoder. Open addressing over a power-of-two table.
/// </summary>
internal sealed class NameTable
{
    private string?[] _names = new string?[256];
    private int[] _hashes = new int[256];
    private int _count;

    /// <summary>The string for ASCII bytes <paramref name="name"/> (the caller checks they are ASCII).</summary>
    public string Get(ReadOnlySpan<byte> name)
    {
        var hash = Hash(name);
        var mask = _names.Length - 1;
        var slot = hash & mask;
        while (_names[slot] is { } existing)
        {
            if (_hashes[slot] == hash && Equal(existing, name))
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
        _names[slot] = created;
        _hashes[slot] = hash;
        if (++_count * 2 > _names.Length)
        {
            Grow();
        }

        return created;
    }

    private static int Hash(ReadOnlySpan<byte> name)
    {
        // FNV-1a: short keys, no allocation, good enough spread for identifiers.
        var hash = 2166136261u;
        foreach (var b in name)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash & 0x7FFFFFFF);
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
