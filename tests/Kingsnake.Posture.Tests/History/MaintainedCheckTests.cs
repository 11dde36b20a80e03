using Kingsnake.Posture.Checks.Scorecard;
using Kingsnake.Posture.Scoring;
using Kingsnake.Posture.Tests.Support;
using Kingsnake.Project;
using static Kingsnake.Posture.Tests.History.HistoryTime;

namespace Kingsnake.Posture.Tests.History;

public sealed class MaintainedCheckTests
{
    private static readonly MaintainedCheck Check = new();

    /// <summary>A root commit <paramref name="rootDaysAgo"/> days ago, then one commit at each of <paramref name="daysAgo"/>.</summary>
    private static TestRepository Repository(double rootDaysAgo, params double[] daysAgo)
    {
        var repository = TestRepository.Create();
        repository.Commit("Initial commit", authorDate: DaysAgo(rootDaysAgo));
        foreach (var (days, index) in daysAgo.OrderDescending().Select((days, index) => (days, index)))
        {
            repository.Commit($"Change {index}", authorDate: DaysAgo(days));
        }

        return repository;
    }

    [Fact]
    public void Twelve_commits_within_90_days_score_10()
    {
        using var repository = Repository(400, [.. Enumerable.Range(1, 12).Select(i => i * 7.0)]);
        var result = Check.Run(repository.Context(Now));
        Assert.Equal(CheckStatus.Scored, result.Status);
        Assert.Equal(10, result.Score);
        Assert.Null(result.NextStep);
        Assert.Contains("12 of the last 13 commits", result.Reason, StringComparison.Ordinal);
        Assert.Contains("lower bound", result.Reason, StringComparison.Ordinal);
        Assert.Equal(12, result.Evidence.Count(e => e.Description.StartsWith("committed ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Six_commits_within_90_days_score_5()
    {
        // floor(10·6/12) = 5; the commits at 100 and 200 days are outside the window
        using var repository = Repository(400, 200, 100, 80, 60, 40, 20, 10, 1);
        var result = Check.Run(repository.Context(Now));
        Assert.Equal(5, result.Score);
        Assert.Contains("6 of the last 9 commits", result.Reason, StringComparison.Ordinal);
        Assert.NotNull(result.NextStep);
    }

    [Fact]
    public void A_commit_exactly_90_days_old_is_outside_the_window()
    {
        // 11 inside, one at exactly 90 days: floor(10·11/12) = 9, not 10
        using var repository = Repository(400, [90, .. Enumerable.Range(1, 11).Select(i => i * 5.0)]);
        Assert.Equal(9, Check.Run(repository.Context(Now)).Score);
    }

    [Fact]
    public void Only_the_last_30_commits_count()
    {
        // 40 commits in 90 days: c = 30 (the window), min(10, 25) = 10; and 25 old + 5 recent: c = 5, floor(50/12) = 4
        using (var busy = Repository(400, [.. Enumerable.Range(1, 40).Select(i => i * 2.0)]))
        {
            var result = Check.Run(busy.Context(Now));
            Assert.Equal(10, result.Score);
            Assert.Contains("30 of the last 30 commits", result.Reason, StringComparison.Ordinal);
        }

        using var quiet = Repository(400, [.. Enumerable.Range(0, 25).Select(i => 150.0 + i), 5, 4, 3, 2, 1]);
        Assert.Equal(4, Check.Run(quiet.Context(Now)).Score);
    }

    [Fact]
    public void A_repository_created_less_than_90_days_ago_scores_0()
    {
        using var repository = Repository(30, [.. Enumerable.Range(1, 20).Select(i => i * 1.0)]);
        var result = Check.Run(repository.Context(Now));
        Assert.Equal(CheckStatus.Scored, result.Status);
        Assert.Equal(0, result.Score);
        Assert.Contains("created < 90 days ago", result.Reason, StringComparison.Ordinal);
        Assert.Contains("30 days", result.Reason, StringComparison.Ordinal);
        Assert.Contains(result.Evidence, e => e.Negative && e.Description.Contains("first commit 2026-05-02", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rebased_root_keeps_its_author_date_as_the_creation_date()
    {
        using var repository = TestRepository.Create();
        repository.Commit("Initial commit", authorDate: DaysAgo(500), committerDate: DaysAgo(10));
        foreach (var days in new[] { 9.0, 8, 7, 6, 5, 4 })
        {
            repository.Commit("Change", authorDate: DaysAgo(days));
        }

        // 7 commits committed within 90 days (the root too): floor(70/12) = 5
        Assert.Equal(5, Check.Run(repository.Context(Now)).Score);
    }

    [Fact]
    public void No_commit_within_90_days_scores_0_with_a_next_step()
    {
        using var repository = Repository(900, 500, 300, 120);
        var result = Check.Run(repository.Context(Now));
        Assert.Equal(0, result.Score);
        Assert.Contains("no commit in 90 days", result.NextStep, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_that_is_no_repository_is_not_applicable()
    {
        var directory = Directory.CreateTempSubdirectory("kingsnake-posture-plain-");
        try
        {
            var result = Check.Run(new PostureContext(ProjectTree.Open(directory.FullName), null, Now));
            Assert.Equal(CheckStatus.NotApplicable, result.Status);
            Assert.Equal("not a git repository", result.Reason);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_repository_without_commits_is_not_applicable()
    {
        using var repository = TestRepository.Create();
        var result = Check.Run(repository.Context(Now));
        Assert.Equal(CheckStatus.NotApplicable, result.Status);
        Assert.Contains("no commits", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_head_commit_is_an_error_not_an_empty_history()
    {
        using var repository = Repository(400, 1);
        var head = repository.Head();
        File.Delete(Path.Combine(repository.WorkTree, ".git", "objects", head[..2], head[2..]));
        var result = Check.Run(repository.Context(Now));
        Assert.Equal(CheckStatus.Error, result.Status);
        Assert.Contains(head, result.Reason, StringComparison.Ordinal);
    }
}
