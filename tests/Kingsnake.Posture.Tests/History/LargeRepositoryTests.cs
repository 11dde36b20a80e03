using Kingsnake.Posture.Checks.Scorecard;
using Kingsnake.Posture.Scoring;
using Kingsnake.Posture.Tests.Support;
using static Kingsnake.Posture.Tests.History.HistoryTime;

namespace Kingsnake.Posture.Tests.History;

/// <summary>The history checks on 9,000 commits: results as worked out in <see cref="LargeRepository"/> (not timed).</summary>
public sealed class LargeRepositoryTests
{
    [Fact]
    public void Every_history_check_gives_the_hand_counted_result_on_9000_commits()
    {
        using var repository = LargeRepository.Build(Now);
        Assert.Equal(LargeRepository.CommitCount.ToString(System.Globalization.CultureInfo.InvariantCulture), repository.Git("rev-list", "--count", "HEAD").Trim());
        Assert.Equal(LargeRepository.WorkflowFiles, Directory.GetFiles(Path.Combine(repository.WorkTree, ".github", "workflows"), "*.yml").Length);

        var context = repository.Context(Now);
        var results = ScorecardHistoryChecks.All.Select(check => check.Run(context)).ToList();
        Assert.All(results, result => Assert.Equal(CheckStatus.Scored, result.Status));
        Assert.Equal(
            [LargeRepository.MaintainedScore, LargeRepository.CodeReviewScore, LargeRepository.ContributorsScore, LargeRepository.SignedReleasesScore],
            results.Select(result => result.Score));
        Assert.Contains("12 of 15 changesets in the last 30 commits reviewed", results[1].Reason, StringComparison.Ordinal);
        Assert.Contains("in all 9,000 commits", results[2].Reason, StringComparison.Ordinal);
        Assert.Equal(["v1.4.0", "v1.3.0", "v1.2.0", "v1.1.0", "v1.0.0"], results[3].Evidence.Select(e => e.Description[..e.Description.IndexOf(' ', StringComparison.Ordinal)]));
        Assert.True(PostureHistory.HasDependabotCommits(context)); // only in the first 8,000 commits, far beyond the last 30
        Assert.False(PostureHistory.Bounded(context).Truncated);
    }
}
