using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>
/// The Scorecard checks judged from a checkout's files, plus those that need the forge's API (reported as not
/// computed), in Scorecard's alphabetical order. The history checks (Code-Review, Contributors, Maintained,
/// Signed-Releases) are listed elsewhere.
/// </summary>
public static class ScorecardFileChecks
{
    public static IReadOnlyList<IPostureCheck> All { get; } =
    [
        new BinaryArtifactsCheck(),
        new BranchProtectionCheck(),
        new CiTestsCheck(),
        new CiiBestPracticesCheck(),
        new DangerousWorkflowCheck(),
        new DependencyUpdateToolCheck(),
        new FuzzingCheck(),
        new LicenseCheck(),
        new PackagingCheck(),
        new PinnedDependenciesCheck(),
        new SastCheck(),
        new SecurityPolicyCheck(),
        new TokenPermissionsCheck(),
        new VulnerabilitiesCheck(),
        new WebhooksCheck(),
    ];
}
