using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>Scorecard's checks that read the git history rather than files: approximations (≈) from a clone.</summary>
public static class ScorecardHistoryChecks
{
    public static IReadOnlyList<IPostureCheck> All { get; } =
    [
        new MaintainedCheck(),
        new CodeReviewCheck(),
        new ContributorsCheck(),
        new SignedReleasesCheck(),
    ];
}
