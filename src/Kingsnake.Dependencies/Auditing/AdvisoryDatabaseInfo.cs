using System.Globalization;
using System.Text.Json;
using Kingsnake.Advisories.Index;
using Kingsnake.Core.Auditing;

namespace Kingsnake.Dependencies.Auditing;

/// <summary>The advisory database a dependency audit matched against: where it came from, which content, how old.</summary>
public sealed record AdvisoryDatabaseInfo : DatabaseInfo
{
    /// <summary>Where the records were read from (a directory, an archive, the current database).</summary>
    public required string Source { get; init; }

    /// <summary>The hash of the records' content, which keys the compiled index.</summary>
    public required string ContentHash { get; init; }

    public int RecordCount { get; init; }

    public int VulnerabilityCount { get; init; }

    /// <summary>The latest <c>modified</c> date among the records, as written; null when none has one.</summary>
    public string? NewestRecord { get; init; }

    public DateTimeOffset CompiledAt { get; init; }

    /// <summary>Whole days between the compilation and the run.</summary>
    public int AgeDays { get; init; }

    /// <summary>Whole days between <see cref="NewestRecord"/> and the run: how old the data is; null when no record has a date.</summary>
    public int? NewestRecordAgeDays { get; init; }

    /// <summary>Data older than this many days is called out in a note of the report.</summary>
    public const int StaleAfterDays = 30;

    /// <summary>True when the newest record is more than <see cref="StaleAfterDays"/> days old.</summary>
    public bool IsStale => NewestRecordAgeDays > StaleAfterDays;

    /// <summary>The facts of <paramref name="status"/>, aged at <paramref name="now"/> (the run's clock).</summary>
    public static AdvisoryDatabaseInfo From(AdvisoryDatabaseStatus status, DateTimeOffset now) => new()
    {
        Source = status.Source,
        ContentHash = status.ContentHash,
        RecordCount = status.RecordCount,
        VulnerabilityCount = status.VulnerabilityCount,
        NewestRecord = status.NewestModified,
        CompiledAt = status.CompiledAt,
        AgeDays = (int)status.AgeAt(now).TotalDays,
        NewestRecordAgeDays = DateTimeOffset.TryParse(status.NewestModified, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var newest)
            ? Math.Max(0, (int)(now - newest).TotalDays)
            : null,
    };

    /// <summary>
    /// The note that says the data is old and how to refresh it, or null while it is fresh. <paramref name="named"/> is
    /// true when the run was given its database (<c>--db</c>, <c>KINGSNAKE_DB</c>, the configuration): refreshing the
    /// cache would not change what such a run reads.
    /// </summary>
    public string? StaleNote(bool named)
    {
        if (!IsStale || NewestRecord is null)
        {
            return null;
        }

        var date = DateTimeOffset.TryParse(NewestRecord, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var newest)
            ? newest.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : NewestRecord;
        var refresh = named
            ? $"refresh the records at {Source}, or run 'kingsnake db update' and stop naming a database"
            : "refresh it with 'kingsnake db update'";
        return $"the advisory database's newest record is from {date} ({NewestRecordAgeDays} days ago): advisories published since are unknown to this run; {refresh}";
    }

    public override void WriteProperties(Utf8JsonWriter writer)
    {
        writer.WriteString("age-days", AgeDays.ToString(CultureInfo.InvariantCulture));
        writer.WriteString("compiled-at", CompiledAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        writer.WriteString("content-hash", ContentHash);
        if (NewestRecord is not null)
        {
            writer.WriteString("newest-record", NewestRecord);
        }

        if (NewestRecordAgeDays is { } days)
        {
            writer.WriteString("newest-record-age-days", days.ToString(CultureInfo.InvariantCulture));
        }

        writer.WriteString("records", RecordCount.ToString(CultureInfo.InvariantCulture));
        writer.WriteString("source", Source);
        writer.WriteString("vulnerabilities", VulnerabilityCount.ToString(CultureInfo.InvariantCulture));
    }
}
