using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>
/// A Scorecard check that needs the forge's API or a data source a checkout does not hold: never scored offline
/// (left out of the aggregate like Scorecard's −1, never counted as 0), with the one-line reason why.
/// </summary>
public abstract class ApiOnlyCheck : IPostureCheck
{
    public abstract string Name { get; }

    public abstract CheckRisk Risk { get; }

    public CheckOrigin Origin => CheckOrigin.Scorecard;

    public abstract string Description { get; }

    /// <summary>What the check would need, in one line.</summary>
    protected abstract string WhyNotComputed { get; }

    public CheckResult Run(PostureContext context) => CheckResult.NotComputed(this, WhyNotComputed);
}
