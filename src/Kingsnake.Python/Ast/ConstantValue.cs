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
    private ConstantValue(ConstantKind kind) => Kind = kind;

    public static ConstantValue None { get; } = new(ConstantKind.None);

    public static ConstantValue True { get; } = new(ConstantKind.True);

    public static ConstantValue False { get; } = new(ConstantKind.False);

    public static ConstantValue Ellipsis { get; } = new(ConstantKind.Ellipsis);

    public ConstantKind Kind { get; }

    /// <summary>The integer value (Kind Int).</summary>
    public BigInteger Integer { get; private init; }

    /// <summary>The float value (Kind Float), or the imaginary part (Kind Complex).</summary>
    public double Float { get; private init; }

    /// <summary>The text (Kind Str); may hold lone surrogates as Python strings can.</summary>
    public string? Text { get; private init; }

    /// <summary>
    /// The code points of the text (Kind Str) when <see cref="Text"/> alone would be ambiguous: a Python str can hold
    /// surrogate code points written as escapes, and '\ud800\udc00' is two code points in Python, while a .NET string
    /// holding those two chars reads as one. Null for every other string (then Text's UTF-16 decoding is exact).
    /// </summary>
    public IReadOnlyList<int>? CodePoints { get; private init; }

    /// <summary>The bytes (Kind Bytes).</summary>
    public byte[]? Bytes { get; private init; }

    public static ConstantValue FromInt(BigInteger value) => new(ConstantKind.Int) { Integer = value };

    public static ConstantValue FromFloat(double value) => new(ConstantKind.Float) { Float = value };

    public static ConstantValue FromImaginary(double value) => new(ConstantKind.Complex) { Float = value };

    public static ConstantValue FromString(string value) => new(ConstantKind.Str) { Text = value };

    /// <summary>A str with its exact code points (see <see cref="CodePoints"/>).</summary>
    public static ConstantValue FromString(string value, IReadOnlyList<int> codePoints) => new(ConstantKind.Str) { Text = value, CodePoints = codePoints };

    public static ConstantValue FromBytes(byte[] value) => new(ConstantKind.Bytes) { Bytes = value };

    public override string ToString() => PythonRepr.Of(this);
}
