namespace Kingsnake.Posture.Scoring;

/// <summary>
/// What <c>kingsnake score</c> reports: the subject (the project and the commit scored), the time reference the checks
/// judged against, each check's result and the aggregate. Nothing in it depends on the clock when the time reference
/// is HEAD's date, so the same commit gives the same report byte for byte.
/// </summary>
public sealed record PostureReport
{
    /// <summary>The version of the JSON report's shape (<c>docs/schema/score-v1.json</c>).</summary>
    public const int SchemaVersion = 1;

    public required string ToolVersion { get; init; }

    /// <summary>The project's name as shown (its directory name).</summary>
    public required string ProjectName { get; init; }

    /// <summary>The commit scored, null when the project is not in a git repository.</summary>
    public string? Commit { get; init; }

    /// <summary>The branch HEAD is on, null when detached or without git.</summary>
    public string? Branch { get; init; }

    /// <summary>The repository's <c>origin</c> URL as configured (credentials removed), null when none.</summary>
    public string? Remote { get; init; }

    /// <summary>The time the checks judged against.</summary>
    public required DateTimeOffset TimeReference { get; init; }

    /// <summary>Where <see cref="TimeReference"/> came from: <c>head-commit</c>, <c>now-option</c>, or <c>clock</c> (no commit to date it by).</summary>
    public required string TimeReferenceSource { get; init; }

    public required PostureScore Score { get; init; }

    /// <summary>Whether an advisory database was at hand for the Vulnerabilities check.</summary>
    public bool AdvisoryDatabase { get; init; }
}
