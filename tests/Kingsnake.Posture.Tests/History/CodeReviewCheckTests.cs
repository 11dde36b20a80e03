using Kingsnake.Posture.Checks.Scorecard;
using Kingsnake.Posture.Scoring;
using Kingsnake.Posture.Tests.Support;
using static Kingsnake.Posture.Tests.History.HistoryTime;
using static Kingsnake.Posture.Tests.History.People;

namespace Kingsnake.Posture.Tests.History;

public sealed class CodeReviewCheckTests
{
    private static readonly CodeReviewCheck Check = new();

    /// <summary>Alice's root commit, then Bob's two-commit branch <c>feature</c> merged as pull request #1 by <paramref name="merger"/>.</summary>
    private static TestRepository PullRequest(GitIdentity merger, GitIdentity? mergeCommitter = null)
    {
        var repository = TestRepository.Create();
        repository.Commit("Initial commit", author: Alice, authorDate: DaysAgo(20));
        repository.CreateBranch("feature");
        repository.Commit("Feature part 1", author: Bob, authorDate: DaysAgo(19));
        repository.Commit("Feature part 2", author: Bob, authorDate: DaysAgo(18));
        repository.Checkout("main");
        repository.Merge("feature", TestRepository.PullRequestMergeMessage(1, "bob/feature"), author: merger, date: DaysAgo(17), committer: mergeCommitter);
        return repository;
    }

    [Fact]
    public void A_pull_request_merged_by_another_maintainer_is_reviewed()
    {
        using var repository = PullRequest(Alice);
        var result = Check.Run(repository.Context(Now));
        // the merge with both branch commits is one reviewed changeset; Alice's direct root commit is another, unreviewed
        Assert.Equal(5, result.Score);
        Assert.Contains("1 of 2 changesets in the last 4 commits reviewed", result.Reason, StringComparison.Ordinal);
        Assert.Equal(2, result.Evidence.Count);
        Assert.StartsWith("reviewed: pull request #1: merged by Alice Maintainer", result.Evidence[0].Description, StringComparison.Ordinal);
        Assert.Contains("(3 commits in the window)", result.Evidence[0].Description, StringComparison.Ordinal);
        Assert.Equal(repository.Head(), result.Evidence[0].Commit);
        Assert.False(result.Evidence[0].Negative);
        Assert.True(result.Evidence[1].Negative);
        Assert.Contains("merge changes through pull requests reviewed", result.NextStep, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pull_request_merged_by_its_author_is_unreviewed()
    {
        using var repository = PullRequest(Bob);
        var result = Check.Run(repository.Context(Now));
        Assert.Equal(0, result.Score);
        Assert.StartsWith("unreviewed: pull request #1: merged by its author Bob Builder", result.Evidence[0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_name_under_another_address_is_the_same_person()
    {
        using var repository = PullRequest(new GitIdentity("Bob Builder", "bob@home.example.net"));
        Assert.Equal(0, Check.Run(repository.Context(Now)).Score);
    }

    [Fact]
    public void A_merge_in_GitHubs_web_interface_is_judged_by_its_author_not_GitHub()
    {
        using (var reviewed = PullRequest(Alice, GitIdentity.GitHub))
        {
            Assert.Equal(5, Check.Run(reviewed.Context(Now)).Score);
        }

        using var selfMerged = PullRequest(Bob, GitIdentity.GitHub);
        Assert.Equal(0, Check.Run(selfMerged.Context(Now)).Score);
    }

    [Fact]
    public void Commits_the_branch_took_in_from_main_are_not_the_requests()
    {
        using var repository = TestRepository.Create();
        repository.Commit("Initial commit", author: Alice, authorDate: DaysAgo(30));
        repository.CreateBranch("feature");
        repository.Commit("Feature part 1", author: Bob, authorDate: DaysAgo(29));
        repository.Checkout("main");
        repository.Commit("Main work", author: Carol, authorDate: DaysAgo(28));
        repository.Checkout("feature");
        repository.Merge("main", "Merge branch 'main' into feature", author: Bob, date: DaysAgo(27));
        repository.Commit("Feature part 2", author: Bob, authorDate: DaysAgo(26));
        repository.Checkout("main");
        repository.Merge("feature", TestRepository.PullRequestMergeMessage(2, "bob/feature"), author: Carol, date: DaysAgo(25));

        var result = Check.Run(repository.Context(Now));
        // Carol's "Main work" came in through the branch's merge of main, but it is on main: Carol did not merge her own
        // work. Changesets: #2 (merge, part 2, merge of main, part 1) reviewed; "Main work"; the root: floor(10·1/3) = 3
        Assert.Equal(3, result.Score);
        Assert.Contains("(4 commits in the window)", result.Evidence[0].Description, StringComparison.Ordinal);
        Assert.Contains("merged by Carol Reviewer, not an author of its 3 commits", result.Evidence[0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_GitLab_merge_request_is_a_changeset()
    {
        using var repository = TestRepository.Create();
        repository.Commit("Initial commit", author: Alice, authorDate: DaysAgo(20));
        repository.CreateBranch("feature");
        repository.Commit("Add things", author: Bob, authorDate: DaysAgo(19));
        repository.Checkout("main");
        repository.Merge("feature", "Merge branch 'feature' into 'main'\n\nAdd things\n\nSee merge request group/project!7\n", author: Alice, date: DaysAgo(18));
        var result = Check.Run(repository.Context(Now));
        Assert.Equal(5, result.Score);
        Assert.Contains("merge request group/project!7", result.Evidence[0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Review_trailers_of_Gerrit_Phabricator_and_Piper_count_as_reviewed()
    {
        using var repository = TestRepository.Create();
        repository.Commit(TestRepository.WithTrailers("Gerrit change", ("Change-Id", "I0123456789abcdef"), ("Reviewed-on", "https://review.example.org/c/project/+/4242"), ("Reviewed-by", "Carol Reviewer <carol@gamma.org>")), author: Alice, authorDate: DaysAgo(10));
        repository.Commit(TestRepository.WithTrailers("Gerrit change without a review", ("Reviewed-on", "https://review.example.org/c/project/+/4243")), author: Alice, authorDate: DaysAgo(9));
        repository.Commit(TestRepository.WithTrailers("Phabricator revision", ("Summary", "a change"), ("Differential Revision", "https://reviews.example.org/D123")), author: Alice, authorDate: DaysAgo(8));
        repository.Commit(TestRepository.WithTrailers("Imported from Piper", ("PiperOrigin-RevId", "612345678")), author: Alice, authorDate: DaysAgo(7));
        repository.Commit("Plain commit mentioning Reviewed-by: nobody in its subject", author: Alice, authorDate: DaysAgo(6));

        var result = Check.Run(repository.Context(Now));
        // reviewed: Gerrit, Phabricator, Piper; unreviewed: Reviewed-on alone, the plain commit: floor(10·3/5) = 6
        Assert.Equal(6, result.Score);
        var byStatus = result.Evidence.Select(e => e.Description[..e.Description.IndexOf(':', StringComparison.Ordinal)]).ToList();
        Assert.Equal(["unreviewed", "reviewed", "reviewed", "unreviewed", "reviewed"], byStatus);
        Assert.Contains("Phabricator revision D123", result.Evidence[2].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_squash_merge_on_GitHub_counts_unreviewed_and_says_why()
    {
        using var repository = TestRepository.Create();
        repository.Commit(TestRepository.WithTrailers("Reviewed root", ("Reviewed-on", "https://review.example.org/1"), ("Reviewed-by", "Carol Reviewer <carol@gamma.org>")), author: Alice, authorDate: DaysAgo(10));
        repository.SquashMerge(12, "Add the parser", Bob, DaysAgo(9));
        repository.Commit("Fix a typo (#13)", author: Bob, authorDate: DaysAgo(8));

        var result = Check.Run(repository.Context(Now));
        Assert.Equal(3, result.Score);
        Assert.Contains("1 squash-merged pull requests counted unreviewed", result.Reason, StringComparison.Ordinal);
        Assert.Contains("pull request #12 squash-merged on GitHub", result.Evidence[1].Description, StringComparison.Ordinal);
        Assert.Contains("committed directly", result.Evidence[0].Description, StringComparison.Ordinal); // (#13) but not committed by GitHub
    }

    [Fact]
    public void Bot_changesets_are_skipped()
    {
        using var repository = TestRepository.Create();
        repository.Commit("Initial commit", author: Alice, authorDate: DaysAgo(30));
        repository.Commit("Bump requests from 2.31.0 to 2.32.0 (#5)", author: GitIdentity.Dependabot, authorDate: DaysAgo(29), committer: GitIdentity.GitHub);
        repository.Commit("[pre-commit.ci] auto fixes from pre-commit.com hooks", author: PreCommitCi, authorDate: DaysAgo(28));
        repository.Commit("chore(deps): update actions/checkout action to v5", author: Renovate, authorDate: DaysAgo(27));
        repository.CreateBranch("dependabot/pip/urllib3-2.5.0");
        repository.Commit("Bump urllib3 from 2.4.0 to 2.5.0", author: GitIdentity.Dependabot, authorDate: DaysAgo(26));
        repository.Checkout("main");
        repository.Merge("dependabot/pip/urllib3-2.5.0", TestRepository.PullRequestMergeMessage(6, "org/dependabot/pip/urllib3-2.5.0"), author: Alice, date: DaysAgo(25));
        repository.CreateBranch("feature");
        repository.Commit("Feature", author: Bob, authorDate: DaysAgo(24));
        repository.Checkout("main");
        repository.Merge("feature", TestRepository.PullRequestMergeMessage(7, "bob/feature"), author: Alice, date: DaysAgo(23));

        var result = Check.Run(repository.Context(Now));
        // human changesets: #7 (reviewed) and the root (unreviewed): 5; four bot changesets skipped
        Assert.Equal(5, result.Score);
        Assert.Contains("4 bot changesets skipped", result.Reason, StringComparison.Ordinal);
        Assert.Equal(4, result.Evidence.Count(e => e.Description.StartsWith("bot, skipped", StringComparison.Ordinal)));
        Assert.DoesNotContain(result.Evidence, e => e.Negative && e.Description.StartsWith("bot", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_bot_changesets_is_not_applicable()
    {
        using var repository = TestRepository.Create();
        repository.Commit("Bump a (#1)", author: GitIdentity.Dependabot, authorDate: DaysAgo(3));
        repository.Commit("Bump b (#2)", author: GitIdentity.Dependabot, authorDate: DaysAgo(2));
        var result = Check.Run(repository.Context(Now));
        Assert.Equal(CheckStatus.NotApplicable, result.Status);
        Assert.Contains("no human changeset in the last 2 commits (2 bot changesets skipped)", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void No_repository_or_no_commit_is_not_applicable()
    {
        using var empty = TestRepository.Create();
        Assert.Equal(CheckStatus.NotApplicable, Check.Run(empty.Context(Now)).Status);
        var noRepository = Check.Run(new PostureContext(Kingsnake.Project.ProjectTree.Open(empty.Home), null, Now));
        Assert.Equal(CheckStatus.NotApplicable, noRepository.Status);
        Assert.Equal("not a git repository", noRepository.Reason);
    }
}
