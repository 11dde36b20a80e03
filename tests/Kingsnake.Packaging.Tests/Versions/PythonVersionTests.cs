using System.Numerics;
using Kingsnake.Packaging.Versions;

namespace Kingsnake.Packaging.Tests.Versions;

public sealed class PythonVersionTests
{
    [Theory]
    [InlineData("1.0-1", "1.0.post1")] // implicit post release
    [InlineData("v1.0RC1", "1.0rc1")]
    [InlineData("1.0.dev", "1.0.dev0")] // implicit number
    [InlineData("1.0-alpha-2", "1.0a2")]
    [InlineData("1.0c3", "1.0rc3")]
    [InlineData("1.0.preview", "1.0rc0")]
    [InlineData("1.0rev", "1.0.post0")]
    [InlineData("01.002.0003", "1.2.3")] // leading zeros dropped
    [InlineData("  1!2.0  ", "1!2.0")]
    [InlineData("0!1.0", "1.0")] // a zero epoch is not printed
    [InlineData("1.0+Ubuntu-1_02", "1.0+ubuntu.1.2")]
    [InlineData("1.0a.", "1.0a0")] // a trailing separator after a label is part of it
    public void Normalizes_like_PEP_440(string text, string normalized) =>
        Assert.Equal(normalized, PythonVersion.Parse(text).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("1.")]
    [InlineData("1.0-")]
    [InlineData("1.0+")]
    [InlineData("1.0.dev1.post1")] // post must come before dev
    [InlineData("\u0661.\u0660")] // Arabic-Indic digits are not [0-9]
    [InlineData("1.0\u200b")] // zero-width space is not whitespace
    [InlineData("2019-09-12")]
    [InlineData("0.2.0-n653")]
    public void Rejects_what_is_not_PEP_440(string text) => Assert.False(PythonVersion.TryParse(text, out _));

    [Fact]
    public void Orders_dev_pre_final_local_post()
    {
        string[] ascending = ["1.0.dev0", "1.0a1.dev0", "1.0a1", "1.0b1", "1.0rc1", "1.0", "1.0+abc", "1.0+1", "1.0.post0.dev0", "1.0.post0", "1.0.1"];
        for (var i = 1; i < ascending.Length; i++)
        {
            Assert.True(PythonVersion.Parse(ascending[i - 1]) < PythonVersion.Parse(ascending[i]), $"{ascending[i - 1]} < {ascending[i]}");
        }
    }

    [Fact]
    public void Trailing_zeros_do_not_count_for_equality()
    {
        Assert.Equal(PythonVersion.Parse("1.0"), PythonVersion.Parse("1.0.0.0"));
        Assert.Equal(PythonVersion.Parse("1.0").GetHashCode(), PythonVersion.Parse("1.0.0.0").GetHashCode());
        Assert.Equal("1", PythonVersion.Parse("1.0.0").ToCanonicalString());
    }

    [Fact]
    public void Numbers_beyond_64_bits_compare_numerically()
    {
        var big = PythonVersion.Parse("1.18446744073709551616");
        Assert.Equal(BigInteger.Parse("18446744073709551616", System.Globalization.CultureInfo.InvariantCulture), big.Minor);
        Assert.True(big > PythonVersion.Parse("1.18446744073709551615"));
    }

    [Fact]
    public void Numbers_longer_than_CPython_accepts_are_invalid()
    {
        // CPython's int() refuses more than 4300 digits, so packaging cannot build such a version.
        Assert.True(PythonVersion.TryParse(new string('7', 4300), out _));
        Assert.False(PythonVersion.TryParse(new string('7', 4301), out _));
    }

    [Fact]
    public void Unicode_letters_that_fold_to_ASCII_behave_as_in_CPython()
    {
        // re.IGNORECASE lets the long s match 's'; packaging keeps the odd spelling in its sort key, so the
        // version prints like 1.0.post1 but is a different (greater) version.
        var odd = PythonVersion.Parse("1.0.po\u017ft1");
        Assert.Equal("1.0.post1", odd.ToString());
        Assert.True(odd > PythonVersion.Parse("1.0.post1"));
        Assert.Equal("1.0+k", PythonVersion.Parse("1.0+\u212a").ToString()); // Kelvin sign lower-cases to 'k'
    }
}
