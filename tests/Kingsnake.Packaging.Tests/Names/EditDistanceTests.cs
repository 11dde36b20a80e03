using Kingsnake.Packaging.Names;

namespace Kingsnake.Packaging.Tests.Names;

public sealed class EditDistanceTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "abc", 0)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "abd", 1)]
    [InlineData("abc", "acb", 1)]
    [InlineData("abc", "abcd", 1)]
    [InlineData("abc", "ab", 1)]
    [InlineData("abc", "bca", 2)]
    [InlineData("ca", "abc", 3)] // the textbook case where OSA (3) and unrestricted Damerau (2) differ
    [InlineData("kitten", "sitting", 3)]
    [InlineData("actions/checkout", "actoins/checkout", 1)]
    [InlineData("actions/checkout", "action/checkout", 1)]
    public void Known_distances(string a, string b, int expected)
    {
        Assert.Equal(expected, EditDistance.OptimalStringAlignment(a, b));
        Assert.Equal(expected, EditDistance.OptimalStringAlignment(b, a));
    }

    [Fact]
    public void A_bound_caps_the_answer_at_one_over_it()
    {
        Assert.Equal(2, EditDistance.OptimalStringAlignment("kitten", "sitting", maxDistance: 1));
        Assert.Equal(2, EditDistance.OptimalStringAlignment("a", "abcdefgh", maxDistance: 1));
        Assert.Equal(3, EditDistance.OptimalStringAlignment("kitten", "sitting", maxDistance: 3));
        Assert.Equal(0, EditDistance.OptimalStringAlignment("same", "same", maxDistance: 0));
    }

    /// <summary>
    /// Against the plain full-table definition on random strings over a small alphabet (so that swaps, repeats and
    /// shared prefixes and suffixes are common), with and without a bound.
    /// </summary>
    [Fact]
    public void Equals_the_full_table_definition_on_random_strings()
    {
        var random = new Random(2026);
        for (var round = 0; round < 20_000; round++)
        {
            var a = RandomWord(random);
            var b = random.Next(3) == 0 ? Mutate(random, a) : RandomWord(random);
            var expected = FullTable(a, b);
            Assert.Equal(expected, EditDistance.OptimalStringAlignment(a, b));
            var bound = random.Next(4);
            Assert.Equal(Math.Min(expected, bound + 1), EditDistance.OptimalStringAlignment(a, b, bound));
        }
    }

    /// <summary>The typosquat audit's test before it moved here, kept as the oracle for "exactly one edit apart".</summary>
    [Fact]
    public void Distance_one_is_the_old_one_edit_apart_check()
    {
        var random = new Random(7);
        for (var round = 0; round < 20_000; round++)
        {
            var a = RandomWord(random);
            var b = random.Next(2) == 0 ? Mutate(random, a) : RandomWord(random);
            Assert.Equal(OldOneEditApart(a, b), EditDistance.OptimalStringAlignment(a, b, maxDistance: 1) == 1);
        }
    }

    private static string RandomWord(Random random)
    {
        var chars = new char[random.Next(0, 8)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = "abc/"[random.Next(4)];
        }

        return new string(chars);
    }

    private static string Mutate(Random random, string word)
    {
        var chars = word.ToList();
        var position = chars.Count == 0 ? 0 : random.Next(chars.Count);
        switch (random.Next(4))
        {
            case 0:
                chars.Insert(random.Next(chars.Count + 1), 'x');
                break;
            case 1 when chars.Count > 0:
                chars.RemoveAt(position);
                break;
            case 2 when chars.Count > 0:
                chars[position] = 'y';
                break;
            case 3 when chars.Count > 1 && position + 1 < chars.Count:
                (chars[position], chars[position + 1]) = (chars[position + 1], chars[position]);
                break;
            default:
                break;
        }

        return new string([.. chars]);
    }

    private static int FullTable(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    private static bool OldOneEditApart(string a, string b)
    {
        if (a == b || Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }

        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        if (a.Length == b.Length)
        {
            if (a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i + 1)))
            {
                return true;
            }

            return i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a.AsSpan(i + 2).SequenceEqual(b.AsSpan(i + 2));
        }

        return a.Length > b.Length ? a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i)) : a.AsSpan(i).SequenceEqual(b.AsSpan(i + 1));
    }
}
