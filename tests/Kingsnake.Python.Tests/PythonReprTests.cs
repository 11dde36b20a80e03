using Kingsnake.Python.Ast;
using Assert = Xunit.Assert;

namespace Kingsnake.Python.Tests;

/// <summary>Expected texts are what CPython's repr() prints for these values.</summary>
public sealed class PythonReprTests
{
    [Theory]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(123456789012345678.0, "1.2345678901234568e+17")]
    [InlineData(1.5, "1.5")]
    [InlineData(2.5e-300, "2.5e-300")]
    [InlineData(double.PositiveInfinity, "inf")]
    public void Float_matches_python_repr(double value, string expected) => Assert.Equal(expected, PythonRepr.Float(value));

    [Theory]
    [InlineData(1.0, "1j")]
    [InlineData(2.5, "2.5j")]
    [InlineData(1e100, "1e+100j")]
    [InlineData(0.0, "0j")]
    public void Imaginary_matches_python_repr(double value, string expected) => Assert.Equal(expected, PythonRepr.Imaginary(value));

    [Theory]
    [InlineData("a'b", "\"a'b\"")]
    [InlineData("a'b\"", "'a\\'b\"'")]
    [InlineData("\t\n\u0001\u00e9\u00a0\u200b", "'\\t\\n\\x01\u00e9\\xa0\\u200b'")]
    public void String_matches_python_repr(string value, string expected) => Assert.Equal(expected, PythonRepr.String(value));

    [Fact]
    public void Bytes_matches_python_repr() => Assert.Equal("b\"\\x00a'\\xff\"", PythonRepr.Bytes([0, (byte)'a', (byte)'\'', 0xff]));

    [Fact]
    public void Lone_surrogate_is_escaped() => Assert.Equal("'\\ud800'", PythonRepr.String(new string((char)0xd800, 1)));
}
