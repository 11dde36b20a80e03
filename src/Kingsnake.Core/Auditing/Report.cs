using Kingsnake.Core.Findings;
using Kingsnake.Core.Inventory;
using Kingsnake.Core.Rules;

namespace Kingsnake.Core.Auditing;

/// <summary>
/// The one result of a run that every renderer turns into bytes: findings (after suppression and
/// re-grading), the inventory, errors, notes and timings.
/// </summary>
public sealed record Report
{
    public required string ToolVersion { get; init; }

    public required string RootPath { get; init; }

    public required IReadOnlyList<Rule> Rules { get; init; }

    public required IReadOnlyList<Finding> Findings { get; init; }

    /// <summary>The findings not reported, each with the reason (which setting, comment or peer configuration hid it).</summary>
    public IReadOnlyList<Suppression.SuppressedFinding> Suppressed { get; init; } = [];

    public IReadOnlyList<Component> Inventory { get; init; } = [];

    public IReadOnlyList<InputError> Errors { get; init; } = [];

    public IReadOnlyList<InputNote> Notes { get; init; } = [];

    public IReadOnlyList<Timing> Timings { get; init; } = [];

    /// <summary>The source files scanned (code audit) with their code lines, in path order.</summary>
    public IReadOnlyList<ScannedFile> ScannedFiles { get; init; } = [];

    public DateTimeOffset StartedAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>What is known of the database the run used (the advisory database's source, content hash, age); null when it used none.</summary>
    public DatabaseInfo? Database { get; init; }

    public int CountAtOrAbove(Severity severity) => Findings.Count(f => f.Severity >= severity);
}
