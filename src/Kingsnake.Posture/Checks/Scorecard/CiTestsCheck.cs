using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>Scorecard's CI-Tests: the share of recently merged pull requests whose head commit passed a CI status or check run.</summary>
public sealed class CiTestsCheck : ApiOnlyCheck
{
    public override string Name => "CI-Tests";

    public override CheckRisk Risk => CheckRisk.Low;

    public override string Description => "Pull requests are tested by CI before they are merged.";

    protected override string WhyNotComputed => "needs the merged pull requests and their commit statuses and check runs (GitHub API); a checkout records neither";
}
