namespace Kingsnake.Packaging.Archives;

/// <summary>
/// Limits that keep a hostile or broken archive (a zip bomb, a million empty members, a member that lies about its
/// size) from exhausting memory or time. The defaults suit an advisory export, the largest archive Kingsnake reads;
/// callers reading wheels and sdists pass tighter ones.
/// </summary>
public sealed record ArchiveLimits
{
    public static readonly ArchiveLimits Default = new();

    /// <summary>Most members an archive may hold (osv.dev's PyPI export has tens of thousands).</summary>
    public int MaxMembers { get; init; } = 500_000;

    /// <summary>Largest single member, uncompressed.</summary>
    public long MaxMemberBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>Most bytes the members read from one archive may expand to together.</summary>
    public long MaxExpandedBytes { get; init; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Largest uncompressed/compressed ratio of a member bigger than <see cref="RatioCheckMinimumBytes"/> (zip bombs reach 1000:1).</summary>
    public double MaxCompressionRatio { get; init; } = 200;

    /// <summary>Members smaller than this are not ratio-checked (tiny files compress oddly without being bombs).</summary>
    public long RatioCheckMinimumBytes { get; init; } = 64 * 1024;
}
