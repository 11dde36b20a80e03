namespace Kingsnake.Python.UnicodeData;

/// <summary>
/// A set of code points as a two-stage bit table: one look-up in a block index (256 code points a block) and one bit
/// test, whatever the code point. Blocks with the same bits are stored once, so a set of Unicode's shape (long runs in
/// and out, a few hundred distinct blocks) takes a few kilobytes.
/// </summary>
internal sealed class CodePointSet
{
    private const int Limit = 0x110000;
    private const int BlockShift = 8;
    private const int WordsPerBlock = (1 << BlockShift) / 64;

    private readonly ushort[] _blockOf;
    private readonly ulong[] _words;

    private CodePointSet(ushort[] blockOf, ulong[] words)
    {
        _blockOf = blockOf;
        _words = words;
    }

    public bool Contains(int codePoint) =>
        (uint)codePoint < Limit && ((_words[(_blockOf[codePoint >> BlockShift] * WordsPerBlock) + ((codePoint >> 6) & (WordsPerBlock - 1))] >> (codePoint & 63)) & 1) != 0;

    /// <summary>The set whose membership flips at each of <paramref name="flips"/> (ascending), starting outside it at U+0000.</summary>
    public static CodePointSet FromFlips(IReadOnlyList<int> flips)
    {
        var bits = new ulong[Limit / 64];
        for (var i = 0; i < flips.Count; i += 2)
        {
            var end = i + 1 < flips.Count ? flips[i + 1] : Limit;
            for (var code = flips[i]; code < end; code++)
            {
                bits[code >> 6] |= 1UL << (code & 63);
            }
        }

        var blockOf = new ushort[Limit >> BlockShift];
        var words = new List<ulong>();
        var known = new Dictionary<(ulong, ulong, ulong, ulong), ushort>();
        for (var block = 0; block < blockOf.Length; block++)
        {
            var at = block * WordsPerBlock;
            var key = (bits[at], bits[at + 1], bits[at + 2], bits[at + 3]);
            if (!known.TryGetValue(key, out var index))
            {
                index = checked((ushort)known.Count);
                known[key] = index;
                words.AddRange([key.Item1, key.Item2, key.Item3, key.Item4]);
            }

            blockOf[block] = index;
        }

        return new CodePointSet(blockOf, [.. words]);
    }
}
