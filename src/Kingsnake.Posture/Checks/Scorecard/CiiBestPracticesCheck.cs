using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>Scorecard's CII-Best-Practices: the project's OpenSSF Best Practices badge level (gold 10, silver 7, passing 5, in progress 2).</summary>
public sealed class CiiBestPracticesCheck : ApiOnlyCheck
{
    public override string Name => "CII-Best-Practices";

    public override CheckRisk Risk => CheckRisk.Low;

    public override string Description => "The project holds an OpenSSF Best Practices badge.";

    protected override string WhyNotComputed => "the badge level comes from bestpractices.dev, looked up by the repository's URL; not in a checkout";
}
