namespace Kingsnake.Posture.Scoring;

/// <summary>How much a check weighs in the aggregate, as Scorecard grades its checks (<c>docs/checks/internal/checks.yaml</c>).</summary>
public enum CheckRisk
{
    Low,
    Medium,
    High,
    Critical,
}

public static class CheckRiskWeights
{
    /// <summary>Scorecard's weights: critical 10, high 7.5, medium 5, low 2.5.</summary>
    public static double Weight(this CheckRisk risk) => risk switch
    {
        CheckRisk.Critical => 10,
        CheckRisk.High => 7.5,
        CheckRisk.Medium => 5,
        _ => 2.5,
    };

    public static string Name(this CheckRisk risk) => risk switch
    {
        CheckRisk.Critical => "critical",
        CheckRisk.High => "high",
        CheckRisk.Medium => "medium",
        _ => "low",
    };
}
