using System.Numerics;

namespace Kingsnake.Python.Ast;

/// <summary>What kind of Python object a <see cref="Constant"/> holds.</summary>
public enum ConstantKind
{
    None,
    True,
    False,
    Ellipsis,
    Int,
    Float,
    Complex,
    Str,
    Bytes,
}

/// <summary>The value of a <see cref="Constant"/> or <see cref="MatchSingleton"/>: one of Python's literal types.</summary>
public sealed class ConstantValue
{
    // One constant per literal of a file: kept small (40 bytes) by storing a number in one 8-byte slot (a long, or a
    // double's bits) and everything else in one reference (a string, bytes, a BigInteger too big for a long, or the
    // text with its code points).
    private readonly long _number;
    private readonly object? _reference;

    // CPython shares the small ints too; a value is immutable, so every 0 or 1 of every tree can be one object.
    private static readonly ConstantValue[] SmallInts = CreateSmallInts();

    private ConstantValue(ConstantKind kind, long number = 0, object? reference = null)
    {
        Kind = kind;
        _number = number;
        _reference = reference;
    }

    public static ConstantValue None { get; } = new(ConstantKind.None);

    public static ConstantValue True { get; } = new(ConstantKind.True);

    public static ConstantValue False { get; } = new(ConstantKind.False);

    public static ConstantValue Ellipsis { get; } = new(ConstantKind.Ellipsis);

    public ConstantKind Kind { get; }

    /// <summary>The integer value (Kind Int).</summary>
    public BigInteger Integer => Kind != ConstantKind.Int ? default : _reference is BigInteger big ? big : new BigInteger(_number);

    /// <summary>The float value (Kind Float), or the imaginary part (Kind Complex).</summary>
    public double Float => Kind is ConstantKind.Float or ConstantKind.Complex ? BitConverter.Int64BitsToDouble(_number) : 0;

    /// <summary>The text (Kind Str); may hold lone surrogates as Python strings can.</summary>
    public string? Text => _reference switch
    {
        string text => text,
        TextWithCodePoints exact => exact.Text,
        _ => null,
    };

    /// <summary>
    /// The code points of the text (Kind Str) when <see cref="Text"/> alone would be ambiguous: a Python str can hold
    /// surrogate code points written as escapes, and '\ud800\udc00' is two code points in Python, while a .NET string
    /// holding those two chars reads as one. Null for every other string (then Text's UTF-16 decoding is exact).
    /// </summary>
    public IReadOnlyList<int>? CodePoints => (_reference as TextWithCodePoints)?.CodePoints;

    /// <summary>The bytes (Kind Bytes).</summary>
    public byte[]? Bytes => _reference as byte[];

    public static ConstantValue FromInt(BigInteger value) =>
        value >= long.MinValue && value <= long.MaxValue ? FromInt((long)value) : new(ConstantKind.Int, reference: value);

    public static ConstantValue FromInt(long value) =>
        value is >= SmallIntMin and <= SmallIntMax ? SmallInts[value - SmallIntMin] : new(ConstantKind.Int, value);

    public static ConstantValue FromFloat(double value) => new(ConstantKind.Float, BitConverter.DoubleToInt64Bits(value));

    public static ConstantValue FromImaginary(double value) => new(ConstantKind.Complex, BitConverter.DoubleToInt64Bits(value));

    public static ConstantValue FromString(string value) => new(ConstantKind.Str, reference: value);

    /// <summary>A str with its exact code points (see <see cref="CodePoints"/>).</summary>
    public static ConstantValue FromString(string value, IReadOnlyList<int> codePoints) => new(ConstantKind.Str, reference: new TextWithCodePoints(value, codePoints));

    public static ConstantValue FromBytes(byte[] value) => new(ConstantKind.Bytes, reference: value);

    public override string ToString() => PythonRepr.Of(this);

    private const int SmallIntMin = -5;
    private const int SmallIntMax = 256;

    private static ConstantValue[] CreateSmallInts()
    {
        var values = new ConstantValue[SmallIntMax - SmallIntMin + 1];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = new ConstantValue(ConstantKind.Int, i + SmallIntMin);
        }

        return values;
    }

    private sealed record TextWithCodePoints(string Text, IReadOnlyList<int> CodePoints);
}
