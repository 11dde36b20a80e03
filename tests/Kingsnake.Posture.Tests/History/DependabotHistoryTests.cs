using Kingsnake.Posture.Scoring;
using Kingsnake.Posture.Tests.Support;
using Kingsnake.Project;
using static Kingsnake.Posture.Tests.History.HistoryTime;
using static Kingsnake.Posture.Tests.History.People;

namespace Kingsnake.Posture.Tests.History;

public sealed class DependabotHistoryTests
{
    [Fact]
    public void A_Dependabot_commit_in_the_recent_history_is_found()
    {
        using var repository = MixedHistory.Create();
        var context = repository.Context(Now);
        Assert.True(PostureHistory.HasDependabotCommits(context));
        Assert.Equal("Bump requests from 2.31.0 to 2.32.0", PostureHistory.NewestDependabotCommit(context)!.Subject);
    }

    [Fact]
    public void Dependency_update_tool_counts_Dependabot_commits_when_no_configuration_is_checked_in()
    {
        using var repository = MixedHistory.Create();
        var result = PostureRunner.RunOne(repository.Context(Now), new Checks.Scorecard.DependencyUpdateToolCheck());
        Assert.Equal(10, result.Score);
        Assert.Equal(PostureHistory.NewestDependabotCommit(repository.Context(Now))!.Id, Assert.Single(result.Evidence).Commit);

        using var people = TestRepository.Create();
        people.Commit("Work", author: Alice, authorDate: DaysAgo(3));
        Assert.Equal(0, PostureRunner.RunOne(people.Context(Now), new Checks.Scorecard.DependencyUpdateToolCheck()).Score);
    }

    [Fact]
    public void A_Dependabot_commit_beyond_the_last_30_is_found_in_the_bounded_history()
    {
        using var repository = TestRepository.Create();
        repository.Commit("Bump urllib3 from 2.4.0 to 2.5.0", author: GitIdentity.Dependabot, authorDate: DaysAgo(100));
        for (var i = 0; i < 32; i++)
        {
            repository.Commit($"Work {i}", author: Alice, authorDate: DaysAgo(90 - i));
        }

        var context = repository.Context(Now);
        Assert.DoesNotContain(context.RecentCommits, commit => PostureHistory.IsDependabot(commit.Author));
        Assert.True(PostureHistory.HasDependabotCommits(context));
    }

    [Fact]
    public void Other_bots_and_people_are_not_Dependabot()
    {
        using var repository = TestRepository.Create();
        repository.Commit("chore(deps): update", author: Renovate, authorDate: DaysAgo(3));
        repository.Commit("[pre-commit.ci] auto fixes", author: PreCommitCi, authorDate: DaysAgo(2));
        repository.Commit("Work", author: Alice, authorDate: DaysAgo(1));
        Assert.False(PostureHistory.HasDependabotCommits(repository.Context(Now)));
    }

    [Fact]
    public void No_repository_has_no_Dependabot_commits()
    {
        var directory = Directory.CreateTempSubdirectory("kingsnake-posture-plain-");
        try
        {
            Assert.False(PostureHistory.HasDependabotCommits(new PostureContext(ProjectTree.Open(directory.FullName), null, Now)));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com", true, true)]
    [InlineData("dependabot-preview[bot]", "27856297+dependabot-preview[bot]@users.noreply.github.com", true, true)]
    [InlineData("renovate[bot]", "29139614+renovate[bot]@users.noreply.github.com", true, false)]
    [InlineData("Renovate Bot", "bot@renovateapp.com", true, false)]
    [InlineData("pre-commit-ci[bot]", "66853113+pre-commit-ci[bot]@users.noreply.github.com", true, false)]
    [InlineData("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com", true, false)]
    [InlineData("Alice Maintainer", "alice@alpha.io", false, false)]
    [InlineData("Robert Botham", "robot@example.org", false, false)]
    public void Bots_are_told_by_name_and_address(string name, string email, bool bot, bool dependabot)
    {
        var person = new Kingsnake.Project.Git.GitPerson(name, email, 0, DateTimeOffset.UnixEpoch);
        Assert.Equal(bot, PostureHistory.IsBot(person));
        Assert.Equal(dependabot, PostureHistory.IsDependabot(person));
    }
}
