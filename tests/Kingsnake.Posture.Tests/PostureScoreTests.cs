using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Tests;

public sealed class PostureScoreTests
{
    private static CheckResult Result(string name, CheckRisk risk, int score, CheckStatus status = CheckStatus.Scored) =>
        new() { Name = name, Risk = risk, Status = status, Score = status == CheckStatus.Scored ? score : -1, Reason = "r" };

    [Fact]
    public void Aggregate_is_the_risk_weighted_mean_of_scored_checks()
    {
        // (10·0 + 7.5·10 + 5·6 + 2.5·9) / 25 = 127.5 / 25 = 5.1
        var score = new PostureScore([
            Result("Dangerous-Workflow", CheckRisk.Critical, 0),
            Result("Token-Permissions", CheckRisk.High, 10),
            Result("Security-Policy", CheckRisk.Medium, 6),
            Result("License", CheckRisk.Low, 9),
            Result("Packaging", CheckRisk.Medium, 0, CheckStatus.NotApplicable),
            Result("Branch-Protection", CheckRisk.High, 0, CheckStatus.NotComputed),
        ]);
        Assert.Equal(5.1, score.Aggregate);
        Assert.Equal(["Packaging", "Branch-Protection"], score.LeftOut.Select(c => c.Name));
    }

    [Fact]
    public void Aggregate_is_null_when_no_check_scored()
    {
        Assert.Null(new PostureScore([Result("Packaging", CheckRisk.Medium, 0, CheckStatus.NotApplicable)]).Aggregate);
    }
}
