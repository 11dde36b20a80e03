using Kingsnake.Posture.Checks.Scorecard;
using Kingsnake.Posture.Scoring;
using Kingsnake.Posture.Tests.Support;
using static Kingsnake.Posture.Tests.History.HistoryTime;
using static Kingsnake.Posture.Tests.History.People;

namespace Kingsnake.Posture.Tests.History;

/// <summary>The history checks read loose objects, packs with packed-refs, and shallow clones alike.</summary>
public sealed class StorageFormsTests
{
    /// <summary>A file <c>objects/xx/…</c> (two hexadecimal digits): a loose object.</summary>
    private static bool IsLooseObject(string file) =>
        Path.GetFileName(Path.GetDirectoryName(file)) is { Length: 2 } directory && directory.All(char.IsAsciiHexDigitLower);

    private static List<CheckResult> RunAll(PostureContext context) => [.. ScorecardHistoryChecks.All.Select(check => check.Run(context))];

    [Fact]
    public void Loose_and_packed_repositories_give_the_same_results()
    {
        using var repository = MixedHistory.Create();
        var loose = repository.CopyTo("loose");
        repository.Pack();

        // the packed repository really is packed: no loose object, every tag in packed-refs
        var objects = Path.Combine(repository.WorkTree, ".git", "objects");
        Assert.DoesNotContain(Directory.EnumerateFiles(objects, "*", SearchOption.AllDirectories), IsLooseObject);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(repository.WorkTree, ".git", "refs", "tags")));
        Assert.Contains("refs/tags/v1.5", File.ReadAllText(Path.Combine(repository.WorkTree, ".git", "packed-refs")), StringComparison.Ordinal);
        Assert.Contains(Directory.EnumerateFiles(Path.Combine(loose, ".git", "objects"), "*", SearchOption.AllDirectories), IsLooseObject);

        var packedResults = RunAll(repository.Context(Now));
        var looseResults = RunAll(repository.Context(Now, loose));
        Assert.Equal(
            [MixedHistory.MaintainedScore, MixedHistory.CodeReviewScore, MixedHistory.ContributorsScore, MixedHistory.SignedReleasesScore],
            packedResults.Select(result => result.Score));
        for (var i = 0; i < packedResults.Count; i++)
        {
            Assert.Equal(looseResults[i].Status, packedResults[i].Status);
            Assert.Equal(looseResults[i].Score, packedResults[i].Score);
            Assert.Equal(looseResults[i].Reason, packedResults[i].Reason);
            Assert.Equal(looseResults[i].Evidence, packedResults[i].Evidence);
        }
    }

    [Fact]
    public void A_shallow_clone_is_read_as_far_as_it_goes()
    {
        using var repository = MixedHistory.Create();
        var shallow = repository.CloneShallow(5);
        Assert.True(File.Exists(Path.Combine(shallow, ".git", "shallow")));
        var results = RunAll(repository.Context(Now, shallow));
        Assert.DoesNotContain(results, result => result.Status == CheckStatus.Error);

        // Bob's five commits: the root is cut off, so the creation date is unknown and not held against the project
        var maintained = results[0];
        Assert.Equal(4, maintained.Score); // floor(10·5/12)
        Assert.Contains(maintained.Evidence, e => e.Description.Contains("shallow clone", StringComparison.Ordinal));
        Assert.Equal(0, results[1].Score); // five direct commits
        Assert.Equal(3, results[2].Score); // bob@beta.dev with 5 commits: one organisation
        Assert.Equal(CheckStatus.NotApplicable, results[3].Status); // no tag points into the five commits fetched
    }

    [Fact]
    public void A_merge_whose_branch_was_cut_off_by_a_shallow_clone_is_unreviewed()
    {
        using var repository = TestRepository.Create();
        repository.Commit("Initial commit", author: Alice, authorDate: DaysAgo(20));
        repository.CreateBranch("feature");
        repository.Commit("Feature", author: Bob, authorDate: DaysAgo(19));
        repository.Checkout("main");
        repository.Merge("feature", TestRepository.PullRequestMergeMessage(1, "bob/feature"), author: Alice, date: DaysAgo(17));

        var result = new CodeReviewCheck().Run(repository.Context(Now, repository.CloneShallow(1)));
        Assert.Equal(0, result.Score);
        var changeset = Assert.Single(result.Evidence);
        Assert.Contains("its commits are not in the clone", changeset.Description, StringComparison.Ordinal);
    }
}
