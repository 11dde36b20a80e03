using Kingsnake.Packaging.Archives;

namespace Kingsnake.Advisories.Reading;

/// <summary>Limits that keep a hostile or broken source from exhausting memory or time.</summary>
public sealed record AdvisoryLoadOptions
{
    public static readonly AdvisoryLoadOptions Default = new();

    /// <summary>Largest single record file or archive member, uncompressed (the biggest PyPA record is ~60 KB).</summary>
    public long MaxRecordBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>Most members an archive may hold (osv.dev's PyPI export has tens of thousands).</summary>
    public int MaxArchiveMembers { get; init; } = 500_000;

    /// <summary>Most bytes all archive members may expand to together.</summary>
    public long MaxArchiveExpandedBytes { get; init; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Largest uncompressed/compressed ratio of a member bigger than <see cref="RatioCheckMinimumBytes"/> (zip bombs reach 1000:1).</summary>
    public double MaxCompressionRatio { get; init; } = 200;

    /// <summary>Members smaller than this are not ratio-checked (tiny files compress oddly without being bombs).</summary>
    public long RatioCheckMinimumBytes { get; init; } = 64 * 1024;

    /// <summary>Degree of parallelism for parsing; null lets the runtime decide.</summary>
    public int? MaxParallelism { get; init; }

    /// <summary>The archive limits these options set, for the shared zip reader.</summary>
    internal ArchiveLimits ArchiveLimits => new()
    {
        MaxMembers = MaxArchiveMembers,
        MaxMemberBytes = MaxRecordBytes,
        MaxExpandedBytes = MaxArchiveExpandedBytes,
        MaxCompressionRatio = MaxCompressionRatio,
        RatioCheckMinimumBytes = RatioCheckMinimumBytes,
    };
}
