namespace Kingsnake.Advisories.Index;

/// <summary>What <c>kingsnake db status</c> shows about a loaded database.</summary>
public sealed record AdvisoryDatabaseStatus(
    string Source,
    string ContentHash,
    int RecordCount,
    int WithdrawnCount,
    int RecordFileCount,
    int PackageCount,
    int VulnerabilityCount,
    int ErrorCount,
    string? NewestModified,
    DateTimeOffset CompiledAt,
    string? IndexPath,
    bool LoadedFromCache)
{
    /// <summary>How old the compiled index is at <paramref name="now"/> (the caller owns the clock).</summary>
    public TimeSpan AgeAt(DateTimeOffset now) => now - CompiledAt;
}

/// <summary>An index file found in the cache: its status, or why it could not be read (<paramref name="Problem"/>).</summary>
public sealed record CompiledIndex(string Path, AdvisoryDatabaseStatus? Status, string? Problem);

/// <summary>The database could not be opened as asked (source missing or unusable, no current database).</summary>
public sealed class AdvisoryDatabaseException : Exception
{
    public AdvisoryDatabaseException(string message)
        : base(message)
    {
    }

    public AdvisoryDatabaseException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public AdvisoryDatabaseException()
        : base("advisory database unavailable")
    {
    }
}
