namespace Kingsnake.Posture.Scoring;

/// <summary>Whether a check gave a score, and if not why not.</summary>
public enum CheckStatus
{
    /// <summary>0–10, counted in the aggregate.</summary>
    Scored,

    /// <summary>Nothing to judge (no workflow, no release, no dependency): left out of the aggregate, with the reason.</summary>
    NotApplicable,

    /// <summary>Needs what a clone does not hold (the forge's API): left out, with what it would need.</summary>
    NotComputed,

    /// <summary>The check could not read what it needed (a damaged file or pack): left out, with the error.</summary>
    Error,
}

/// <summary>
/// One thing a check looked at: a file and line, a commit, a tag. Evidence is what the reason rests on, in a stable
/// order, so the same commit gives the same list.
/// </summary>
public sealed record CheckEvidence(string Description)
{
    /// <summary>A path relative to the project root.</summary>
    public string? Path { get; init; }

    /// <summary>1-based line in <see cref="Path"/>, 0 when the whole file.</summary>
    public int Line { get; init; }

    /// <summary>A commit id (full) the evidence comes from.</summary>
    public string? Commit { get; init; }

    /// <summary>True when this piece of evidence costs points (a failing site), false when it earns or is neutral.</summary>
    public bool Negative { get; init; }
}

/// <summary>What one check concluded: its score, a one-line reason, the next step when points were lost, and the evidence.</summary>
public sealed record CheckResult
{
    /// <summary>The check's name (<c>Pinned-Dependencies</c>).</summary>
    public required string Name { get; init; }

    public required CheckRisk Risk { get; init; }

    /// <summary>Scorecard's check (scored as its code does) or a Python check of Kingsnake's own.</summary>
    public CheckOrigin Origin { get; init; }

    public required CheckStatus Status { get; init; }

    /// <summary>0–10 when <see cref="Status"/> is <see cref="CheckStatus.Scored"/>, else −1.</summary>
    public required int Score { get; init; }

    /// <summary>One line: why this score (or why none).</summary>
    public required string Reason { get; init; }

    /// <summary>The concrete next step when the score is below 10 (the file to add, the line to change, the command to run); null at 10.</summary>
    public string? NextStep { get; init; }

    public IReadOnlyList<CheckEvidence> Evidence { get; init; } = [];

    public static CheckResult Scored(IPostureCheck check, int score, string reason, string? nextStep, IReadOnlyList<CheckEvidence>? evidence = null) => new()
    {
        Name = check.Name,
        Risk = check.Risk,
        Origin = check.Origin,
        Status = CheckStatus.Scored,
        Score = Math.Clamp(score, 0, 10),
        Reason = reason,
        NextStep = score >= 10 ? null : nextStep,
        Evidence = evidence ?? [],
    };

    public static CheckResult NotApplicable(IPostureCheck check, string reason, IReadOnlyList<CheckEvidence>? evidence = null) => new()
    {
        Name = check.Name,
        Risk = check.Risk,
        Origin = check.Origin,
        Status = CheckStatus.NotApplicable,
        Score = -1,
        Reason = reason,
        Evidence = evidence ?? [],
    };

    public static CheckResult NotComputed(IPostureCheck check, string reason) => new()
    {
        Name = check.Name,
        Risk = check.Risk,
        Origin = check.Origin,
        Status = CheckStatus.NotComputed,
        Score = -1,
        Reason = reason,
    };

    public static CheckResult Failed(IPostureCheck check, string error) => new()
    {
        Name = check.Name,
        Risk = check.Risk,
        Origin = check.Origin,
        Status = CheckStatus.Error,
        Score = -1,
        Reason = error,
    };
}
