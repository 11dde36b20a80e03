using System.Text;
using Kingsnake.Posture.Reports;
using Kingsnake.Posture.Tests.Python;
using Kingsnake.Posture.Tests.Support;

namespace Kingsnake.Posture.Tests;

public sealed class PostureScanTests
{
    private static readonly DateTimeOffset HeadDate = new(2026, 10, 15, 9, 30, 0, TimeSpan.FromHours(2));

    private static string Json(PostureScanOptions options)
    {
        using var stream = new MemoryStream();
        new ScoreJsonRenderer().Render(PostureScan.Run(options), stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static TestRepository Repository()
    {
        var repository = TestRepository.Create();
        repository.Commit("Initial layout", new Dictionary<string, string>
        {
            ["pyproject.toml"] = "[build-system]\nrequires = [\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n\n[project]\nname = \"demo\"\nversion = \"1.0\"\nrequires-python = \">=3.10\"\n",
            [".github/workflows/publish.yml"] = ReleaseWorkflowsData.TrustedPublishing,
        }, authorDate: HeadDate.AddDays(-200));
        for (var i = 0; i < 5; i++)
        {
            repository.Commit($"Change {i}", authorDate: HeadDate.AddDays(-10 * (5 - i)));
        }

        repository.AnnotatedTag("v1.0.0", "release 1.0.0", HeadDate.AddDays(-1), sign: true);
        repository.Commit("Last change", authorDate: HeadDate);
        return repository;
    }

    [Fact]
    public void The_same_commit_scores_the_same_bytes_whatever_the_clock()
    {
        using var repository = Repository();
        var options = new PostureScanOptions { ProjectPath = repository.WorkTree, ToolVersion = "0.1.0", Clock = () => new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero) };
        var first = Json(options);
        var second = Json(options with { Clock = () => new DateTimeOffset(2031, 6, 1, 0, 0, 0, TimeSpan.Zero) });
        Assert.Equal(first, second);

        var report = PostureScan.Run(options);
        Assert.Equal(repository.Head(), report.Commit);
        Assert.Equal("head-commit", report.TimeReferenceSource);
        Assert.Equal(HeadDate, report.TimeReference);
        Assert.Equal("main", report.Branch);
        Assert.Contains("\"source\": \"head-commit\"", first, StringComparison.Ordinal);

        // 7 commits within 90 days of HEAD's date: floor(70/12) = 5
        var maintained = report.Score.Checks.Single(c => c.Name == "Maintained");
        Assert.Equal(5, maintained.Score);
        Assert.Equal(8, report.Score.Checks.Single(c => c.Name == "Signed-Releases").Score);
    }

    [Fact]
    public void A_later_time_reference_changes_what_is_maintained()
    {
        using var repository = Repository();
        var options = new PostureScanOptions { ProjectPath = repository.WorkTree, ToolVersion = "0.1.0", Now = HeadDate.AddDays(365) };
        var report = PostureScan.Run(options);
        Assert.Equal("now-option", report.TimeReferenceSource);
        Assert.Equal(0, report.Score.Checks.Single(c => c.Name == "Maintained").Score);
    }

    [Fact]
    public void Outside_a_repository_the_clock_is_the_reference_and_history_checks_do_not_apply()
    {
        using var project = new PythonProject().With("pyproject.toml", "[project]\nname = \"x\"\nversion = \"1\"\n");
        var clock = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var report = PostureScan.Run(new PostureScanOptions { ProjectPath = project.Root, ToolVersion = "0.1.0", Clock = () => clock });
        Assert.Null(report.Commit);
        Assert.Equal(("clock", clock), (report.TimeReferenceSource, report.TimeReference));
        Assert.Equal(Scoring.CheckStatus.NotApplicable, report.Score.Checks.Single(c => c.Name == "Maintained").Status);
    }

    [Theory]
    [InlineData("https://user:ghp_secret@github.com/org/repo.git", "https://github.com/org/repo.git")]
    [InlineData("git@github.com:org/repo.git", "git@github.com:org/repo.git")]
    [InlineData("https://github.com/org/repo", "https://github.com/org/repo")]
    public void Remote_urls_lose_their_credentials(string configured, string shown) =>
        Assert.Equal(shown, PostureScan.WithoutCredentials(configured));
}
