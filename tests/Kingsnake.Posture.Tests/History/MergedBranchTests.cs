using Kingsnake.Posture.Checks.Scorecard;
using Kingsnake.Posture.Tests.Support;
using Kingsnake.Project.Git;
using static Kingsnake.Posture.Tests.History.HistoryTime;
using static Kingsnake.Posture.Tests.History.People;

namespace Kingsnake.Posture.Tests.History;

public sealed class MergedBranchTests
{
    [Fact]
    public void The_merged_commits_are_those_git_rev_list_gives_for_second_parent_not_first()
    {
        using var repository = TestRepository.Create();
        repository.Commit("Initial commit", author: Alice, authorDate: DaysAgo(40));
        repository.CreateBranch("feature");
        repository.Commit("Feature 1", author: Bob, authorDate: DaysAgo(39));
        repository.Checkout("main");
        repository.Commit("Main 1", author: Carol, authorDate: DaysAgo(38));
        repository.Checkout("feature");
        repository.Merge("main", "Merge branch 'main' into feature", author: Bob, date: DaysAgo(37));
        repository.Commit("Feature 2", author: Bob, authorDate: DaysAgo(36));
        repository.CreateBranch("sub-feature");
        repository.Commit("Sub-feature", author: Carol, authorDate: DaysAgo(35));
        repository.Checkout("feature");
        repository.Merge("sub-feature", "Merge pull request #3 from carol/sub-feature", author: Bob, date: DaysAgo(34));
        repository.Checkout("main");
        repository.Commit("Main 2", author: Alice, authorDate: DaysAgo(33));
        var merge = repository.Merge("feature", TestRepository.PullRequestMergeMessage(4, "bob/feature"), author: Alice, date: DaysAgo(32));

        var expected = repository.Git("rev-list", $"{merge}^1..{merge}^2").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var store = GitRepository.Open(repository.WorkTree)!.OpenObjects();
        var merged = MergedBranch.Commits(store, store.ReadCommit(merge)!);
        Assert.Equal(5, expected.Length); // Feature 1, the merge of main, Feature 2, Sub-feature, the merge of #3
        Assert.Equal(expected.Order(StringComparer.Ordinal), merged.Select(commit => commit.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_commit_with_one_parent_merged_nothing()
    {
        using var repository = TestRepository.Create();
        var commit = repository.Commit("Only commit");
        using var store = GitRepository.Open(repository.WorkTree)!.OpenObjects();
        Assert.Empty(MergedBranch.Commits(store, store.ReadCommit(commit)!));
    }
}
