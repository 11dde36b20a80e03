using Kingsnake.Posture.Tests.Support;
using static Kingsnake.Posture.Tests.History.HistoryTime;
using static Kingsnake.Posture.Tests.History.People;

namespace Kingsnake.Posture.Tests.History;

/// <summary>
/// A repository with a bit of everything the history checks read, all counted by hand: Alice's root commit 400 days
/// ago; six release commits by Alice 60…10 days ago tagged v1.0 (lightweight), v1.1 (annotated), v1.2, v1.3 (signed),
/// v1.4 (lightweight), v1.5 (signed); Bob's branch commit (9 days) merged by Alice as pull request #1 (8 days); a
/// Dependabot commit (7 days); five commits by Bob (6…2 days).
/// </summary>
internal static class MixedHistory
{
    /// <summary>15 commits: 14 within 90 days → Maintained 10.</summary>
    public const int MaintainedScore = 10;

    /// <summary>13 human changesets (the merge with its branch, 6 release commits, the root, Bob's 5), 1 reviewed → floor(10/13) = 0.</summary>
    public const int CodeReviewScore = 0;

    /// <summary>alice@alpha.io 8 commits, bob@beta.dev 6 → 2 organisations → floor(20/3) = 6.</summary>
    public const int ContributorsScore = 6;

    /// <summary>v1.5, v1.4, v1.3, v1.2, v1.1: 3 signed → floor(24/5) = 4.</summary>
    public const int SignedReleasesScore = 4;

    public static TestRepository Create()
    {
        var repository = TestRepository.Create();
        repository.Commit("Initial commit", author: Alice, authorDate: DaysAgo(400));
        var releases = new[] { 60, 50, 40, 30, 20, 10 }.Select(days => repository.Commit($"Release work {days}", author: Alice, authorDate: DaysAgo(days))).ToList();
        repository.LightweightTag("v1.0", releases[0]);
        repository.AnnotatedTag("v1.1", "Release 1.1", DaysAgo(50), target: releases[1]);
        repository.AnnotatedTag("v1.2", "Release 1.2", DaysAgo(40), sign: true, target: releases[2]);
        repository.AnnotatedTag("v1.3", "Release 1.3", DaysAgo(30), sign: true, target: releases[3]);
        repository.LightweightTag("v1.4", releases[4]);
        repository.AnnotatedTag("v1.5", "Release 1.5", DaysAgo(10), sign: true, target: releases[5]);
        repository.CreateBranch("feature");
        repository.Commit("Feature", author: Bob, authorDate: DaysAgo(9));
        repository.Checkout("main");
        repository.Merge("feature", TestRepository.PullRequestMergeMessage(1, "bob/feature"), author: Alice, date: DaysAgo(8));
        repository.Commit("Bump requests from 2.31.0 to 2.32.0", author: GitIdentity.Dependabot, authorDate: DaysAgo(7));
        for (var days = 6; days >= 2; days--)
        {
            repository.Commit($"Bob's work {days}", author: Bob, authorDate: DaysAgo(days));
        }

        return repository;
    }
}
