using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>Scorecard's Branch-Protection: tiers of protection rules on the default and release branches. Forge settings only.</summary>
public sealed class BranchProtectionCheck : ApiOnlyCheck
{
    public override string Name => "Branch-Protection";

    public override CheckRisk Risk => CheckRisk.High;

    public override string Description => "The default and release branches are protected: no force push or deletion, reviews and status checks required.";

    protected override string WhyNotComputed => "branch protection rules and rulesets live in the forge's settings (GitHub API, admin access), not in a checkout";
}
