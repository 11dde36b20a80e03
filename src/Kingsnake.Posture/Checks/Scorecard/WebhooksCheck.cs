using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>Scorecard's experimental Webhooks: the share of the repository's webhooks that use a secret.</summary>
public sealed class WebhooksCheck : ApiOnlyCheck
{
    public override string Name => "Webhooks";

    public override CheckRisk Risk => CheckRisk.Critical;

    public override string Description => "Every webhook of the repository authenticates its deliveries with a secret.";

    protected override string WhyNotComputed => "webhooks are repository settings readable only through the GitHub API with admin access";
}
