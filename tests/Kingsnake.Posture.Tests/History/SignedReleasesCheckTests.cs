using Kingsnake.Posture.Checks.Scorecard;
using Kingsnake.Posture.Scoring;
using Kingsnake.Posture.Tests.Support;
using static Kingsnake.Posture.Tests.History.HistoryTime;

namespace Kingsnake.Posture.Tests.History;

public sealed class SignedReleasesCheckTests
{
    private static readonly SignedReleasesCheck Check = new();

    /// <summary>
    /// Six commits 60, 50, 40, 30, 20 and 10 days ago tagged v1.0 (lightweight), v1.1 (annotated), v1.2 and v1.3
    /// (signed), v1.4 (lightweight), v1.5 (signed), each tag dated with its commit; and a signed <c>nightly</c> tag.
    /// </summary>
    internal static TestRepository Releases()
    {
        var repository = TestRepository.Create();
        var commits = new[] { 60, 50, 40, 30, 20, 10 }.Select(days => (Days: days, Id: repository.Commit($"Release work {days}", authorDate: DaysAgo(days)))).ToList();
        repository.LightweightTag("v1.0", commits[0].Id);
        repository.AnnotatedTag("v1.1", "Release 1.1", DaysAgo(50), target: commits[1].Id);
        repository.AnnotatedTag("v1.2", "Release 1.2", DaysAgo(40), sign: true, target: commits[2].Id);
        repository.AnnotatedTag("v1.3", "Release 1.3", DaysAgo(30), sign: true, target: commits[3].Id);
        repository.LightweightTag("v1.4", commits[4].Id);
        repository.AnnotatedTag("v1.5", "Release 1.5", DaysAgo(10), sign: true, target: commits[5].Id);
        repository.AnnotatedTag("nightly", "not a version", DaysAgo(5), sign: true);
        return repository;
    }

    [Fact]
    public void The_five_newest_version_tags_score_8_each_when_signed()
    {
        using var repository = Releases();
        var result = Check.Run(repository.Context(Now));
        // v1.5 signed, v1.4 lightweight, v1.3 and v1.2 signed, v1.1 unsigned (v1.0 is the sixth): floor(8·3/5) = 4
        Assert.Equal(CheckStatus.Scored, result.Status);
        Assert.Equal(4, result.Score);
        Assert.Equal(
            [
                "v1.5 (annotated tag, SSH signature, 2026-05-22)",
                "v1.4 (lightweight tag, unsigned, 2026-05-12)",
                "v1.3 (annotated tag, SSH signature, 2026-05-02)",
                "v1.2 (annotated tag, SSH signature, 2026-04-22)",
                "v1.1 (annotated tag, unsigned, 2026-04-12)",
            ],
            result.Evidence.Select(e => e.Description));
        Assert.Equal([false, true, false, false, true], result.Evidence.Select(e => e.Negative));
        Assert.Equal(repository.Git("rev-parse", "v1.5^{commit}").Trim(), result.Evidence[0].Commit);
        Assert.Contains("3 of the 5 newest release tags signed: floor(8·3/5) = 4", result.Reason, StringComparison.Ordinal);
        Assert.Contains("not verified", result.Reason, StringComparison.Ordinal);
        Assert.Contains("Attestations check", result.Reason, StringComparison.Ordinal);
        Assert.Equal("sign release tags: git tag -s vX.Y.Z (gpg, or ssh with gpg.format=ssh)", result.NextStep);
    }

    [Fact]
    public void A_tag_is_as_new_as_its_tagger_date_not_its_commit()
    {
        using var repository = Releases();
        // the oldest commit tagged yesterday, unsigned, is the newest release and pushes v1.1 out:
        // v0.9, v1.5, v1.4, v1.3, v1.2 → 3 signed of 5 → 4
        repository.AnnotatedTag("v0.9", "late tag", DaysAgo(1), target: repository.Git("rev-parse", "v1.0").Trim());
        var result = Check.Run(repository.Context(Now));
        Assert.Equal("v0.9 (annotated tag, unsigned, 2026-05-31)", result.Evidence[0].Description);
        Assert.DoesNotContain(result.Evidence, e => e.Description.StartsWith("v1.1", StringComparison.Ordinal));
        Assert.Equal(4, result.Score);

        repository.AnnotatedTag("v2.0", "signed late tag", DaysAgo(0.5), sign: true, target: repository.Git("rev-parse", "v1.0").Trim());
        var later = Check.Run(repository.Context(Now));
        // v2.0 s, v0.9 u, v1.5 s, v1.4 l, v1.3 s: 3 of 5 → 4
        Assert.Equal(["v2.0", "v0.9", "v1.5", "v1.4", "v1.3"], later.Evidence.Select(e => e.Description[..e.Description.IndexOf(' ', StringComparison.Ordinal)]));
        Assert.Equal(4, later.Score);
    }

    [Fact]
    public void All_signed_gives_8_and_points_to_provenance()
    {
        using var repository = TestRepository.Create();
        for (var i = 0; i < 3; i++)
        {
            repository.Commit($"Work {i}", authorDate: DaysAgo(30 - i));
            repository.AnnotatedTag($"{i}.0.0", $"Release {i}", DaysAgo(30 - i), sign: true);
        }

        var result = Check.Run(repository.Context(Now));
        Assert.Equal(8, result.Score);
        Assert.Contains("3 of the 3 newest", result.Reason, StringComparison.Ordinal);
        Assert.Contains(".intoto.jsonl", result.NextStep, StringComparison.Ordinal);
    }

    [Fact]
    public void No_version_tag_is_not_applicable()
    {
        using var repository = TestRepository.Create();
        repository.Commit("Work", authorDate: DaysAgo(3));
        Assert.Equal(CheckStatus.NotApplicable, Check.Run(repository.Context(Now)).Status);

        repository.AnnotatedTag("nightly", "not a release", DaysAgo(2), sign: true);
        repository.LightweightTag("latest");
        var result = Check.Run(repository.Context(Now));
        Assert.Equal(CheckStatus.NotApplicable, result.Status);
        Assert.Contains("no release tag", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tag_ref_that_is_a_fifo_or_a_link_out_of_the_repository_is_left_out()
    {
        using var repository = Releases();
        var tags = Path.Combine(repository.WorkTree, ".git", "refs", "tags");
        var outside = Path.Combine(repository.Root, "outside-ref");
        File.WriteAllText(outside, repository.Git("rev-parse", "v1.5").Trim() + "\n");
        File.CreateSymbolicLink(Path.Combine(tags, "v9.0"), outside);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", Path.Combine(tags, "v9.1")))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var result = Check.Run(repository.Context(Now));
        Assert.Equal(4, result.Score);
        Assert.DoesNotContain(result.Evidence, e => e.Description.StartsWith("v9", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("v1.2.3", true)]
    [InlineData("1.0", true)]
    [InlineData("V10", true)]
    [InlineData("v2.0.0-beta.1", true)]
    [InlineData("1.0rc1", true)]
    [InlineData("3.1.post2", true)]
    [InlineData("2.0.0+local.1", true)]
    [InlineData("nightly", false)]
    [InlineData("release-1.0", false)]
    [InlineData("v", false)]
    [InlineData("latest", false)]
    [InlineData("1..2", false)]
    public void Version_like_tags(string name, bool versionLike) => Assert.Equal(versionLike, PostureHistory.IsVersionTag(name));
}
