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
    };

    public override void WriteProperties(Utf8JsonWriter writer)
    {
        writer.WriteString("age-days", AgeDays.ToString(CultureInfo.InvariantCulture));
        writer.WriteString("compiled-at", CompiledAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        writer.WriteString("content-hash", ContentHash);
        if (NewestRecord is not null)
        {
            writer.WriteString("newest-record", NewestRecord);
        }

        writer.WriteString("records", RecordCount.ToString(CultureInfo.InvariantCulture));
        writer.WriteString("source", Source);
        writer.WriteString("vulnerabilities", VulnerabilityCount.ToString(CultureInfo.InvariantCulture));
    }
}
