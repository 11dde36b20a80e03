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

        // five commits of history: Maintained, Code-Review and Contributors would score a cut history as if it were all
        // there (a false 0 in every CI checkout of depth 1), so they say what to fetch instead
        Assert.All(results.Take(3), result =>
        {
            Assert.Equal(CheckStatus.NotComputed, result.Status);
            Assert.Contains("shallow clone", result.Reason, StringComparison.Ordinal);
            Assert.Contains("git fetch --unshallow", result.Reason, StringComparison.Ordinal);
        });
        Assert.Equal(CheckStatus.NotApplicable, results[3].Status); // no tag points into the five commits fetched
    }

    [Fact]
    public void A_depth_one_clone_is_not_judged_for_review()
    {
        using var repository = TestRepository.Create();
        repository.Commit("Initial commit", author: Alice, authorDate: DaysAgo(20));
        repository.CreateBranch("feature");
        repository.Commit("Feature", author: Bob, authorDate: DaysAgo(19));
        repository.Checkout("main");
        repository.Merge("feature", TestRepository.PullRequestMergeMessage(1, "bob/feature"), author: Alice, date: DaysAgo(17));

        // a depth-1 clone (actions/checkout's default) holds the merge alone: not judged, rather than a false 0
        var result = new CodeReviewCheck().Run(repository.Context(Now, repository.CloneShallow(1)));
        Assert.Equal(CheckStatus.NotComputed, result.Status);
        Assert.Contains("only 1 commit of history", result.Reason, StringComparison.Ordinal);
    }
}
