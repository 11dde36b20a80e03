using Kingsnake.Advisories.Model;
using Kingsnake.Core.Findings;

namespace Kingsnake.Advisories.Reading;

/// <summary>What loading a source gave: the usable advisories, what was skipped, and the per-file errors.</summary>
public sealed class AdvisoryLoadResult
{
    internal AdvisoryLoadResult(
        IReadOnlyList<Advisory> advisories,
        int recordFileCount,
        IReadOnlyList<string> withdrawnIds,
        int notPyPICount,
        IReadOnlyList<InputError> errors)
    {
        Advisories = advisories;
        RecordFileCount = recordFileCount;
        WithdrawnIds = withdrawnIds;
        NotPyPICount = notPyPICount;
        Errors = errors;
    }

    /// <summary>Records that are not withdrawn and have at least one PyPI affected entry, in source path order.</summary>
    public IReadOnlyList<Advisory> Advisories { get; }

    /// <summary>Record files (or archive members) looked at: *.json, *.yaml, *.yml.</summary>
    public int RecordFileCount { get; }

    /// <summary>Ids of records skipped because they carry <c>withdrawn</c>.</summary>
    public IReadOnlyList<string> WithdrawnIds { get; }

    public int WithdrawnCount => WithdrawnIds.Count;

    /// <summary>Records skipped because none of their affected entries is a PyPI package.</summary>
    public int NotPyPICount { get; }

    /// <summary>Malformed records (file, line, column, reason) and source-level faults; the rest still loaded.</summary>
    public IReadOnlyList<InputError> Errors { get; }
}
