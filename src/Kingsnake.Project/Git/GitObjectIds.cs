using System.Buffers;

namespace Kingsnake.Project.Git;

/// <summary>SHA-1 object ids between their 40-digit text and their 20 raw bytes, without allocating where a span will do.</summary>
internal static class GitObjectIds
{
    public const int RawLength = 20;
    public const int TextLength = 40;

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>True for 40 hexadecimal digits.</summary>
    public static bool IsValid(ReadOnlySpan<char> text) => text.Length == TextLength && !text.ContainsAnyExcept(HexDigits);

    /// <summary>Writes the raw id of <paramref name="text"/> into <paramref name="raw"/>; false when it is no SHA-1 id.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, Span<byte> raw) =>
        IsValid(text) && Convert.FromHexString(text, raw, out _, out var written) == OperationStatus.Done && written == RawLength;

    public static string ToText(ReadOnlySpan<byte> raw) => Convert.ToHexStringLower(raw);
}
