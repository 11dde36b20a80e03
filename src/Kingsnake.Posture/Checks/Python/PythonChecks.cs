using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Checks.Python;

/// <summary>The Python publishing and packaging checks Scorecard lacks, in alphabetical order.</summary>
public static class PythonChecks
{
    public static IReadOnlyList<IPostureCheck> All { get; } =
    [
        new AttestationsCheck(),
        new BuildBackendCheck(),
        new CleanWorkflowsCheck(),
        new DependencyCooldownCheck(),
        new HashedReleaseBuildCheck(),
        new PythonSupportCheck(),
        new SbomCheck(),
        new StaticMetadataCheck(),
        new TrustedPublishingCheck(),
    ];
}
