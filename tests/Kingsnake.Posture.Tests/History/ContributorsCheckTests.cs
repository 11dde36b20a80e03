using Kingsnake.Posture.Checks.Scorecard;
using Kingsnake.Posture.Scoring;
using Kingsnake.Posture.Tests.Support;
using Kingsnake.Project;
using static Kingsnake.Posture.Tests.History.HistoryTime;

namespace Kingsnake.Posture.Tests.History;

public sealed class ContributorsCheckTests
{
    private static readonly ContributorsCheck Check = new();

    private static void CommitsBy(TestRepository repository, GitIdentity author, int count, ref int day)
    {
        for (var i = 0; i < count; i++)
        {
            repository.Commit($"Work by {author.Name} {i}", author: author, authorDate: DaysAgo(day--));
        }
    }

    [Fact]
    public void Organisations_are_the_domains_of_authors_with_five_commits()
    {
        using var repository = TestRepository.Create();
        var day = 200;
        CommitsBy(repository, new GitIdentity("Alice", "alice@alpha.io"), 5, ref day);
        CommitsBy(repository, new GitIdentity("Eve", "eve@cs.alpha.io"), 5, ref day); // the same organisation as Alice
        CommitsBy(repository, new GitIdentity("Bob", "bob@beta.dev"), 6, ref day);
        CommitsBy(repository, new GitIdentity("Carol", "carol@gmail.com"), 10, ref day); // a public provider
        CommitsBy(repository, new GitIdentity("Hal", "1234+hal@users.noreply.github.com"), 5, ref day);
        CommitsBy(repository, new GitIdentity("Dave", "dave@gamma.org"), 4, ref day); // one commit short
        CommitsBy(repository, GitIdentity.Dependabot, 10, ref day);

        var result = Check.Run(repository.Context(Now));
        // alpha.io and beta.dev: floor(10·2/3) = 6
        Assert.Equal(CheckStatus.Scored, result.Status);
        Assert.Equal(6, result.Score);
        Assert.Contains("2 organisations among the 5 authors with ≥ 5 commits in all 45 commits", result.Reason, StringComparison.Ordinal);
        Assert.Contains("e-mail domains", result.Reason, StringComparison.Ordinal);
        Assert.Equal("alpha.io: alice@alpha.io (5 commits), eve@cs.alpha.io (5 commits)", result.Evidence[0].Description);
        Assert.Equal("beta.dev: bob@beta.dev (6 commits)", result.Evidence[1].Description);
        Assert.Contains("2 authors with ≥ 5 commits use a public mail provider", result.Evidence[2].Description, StringComparison.Ordinal);
        Assert.NotNull(result.NextStep);

        CommitsBy(repository, new GitIdentity("Dave", "dave@gamma.org"), 1, ref day);
        var three = Check.Run(repository.Context(Now));
        Assert.Equal(10, three.Score);
        Assert.Null(three.NextStep);
    }

    [Fact]
    public void One_organisation_scores_3()
    {
        using var repository = TestRepository.Create();
        var day = 100;
        CommitsBy(repository, new GitIdentity("Alice", "alice@alpha.io"), 7, ref day);
        Assert.Equal(3, Check.Run(repository.Context(Now)).Score);
    }

    [Theory]
    [InlineData("someone@dept.example.co.uk", "example.co.uk")]
    [InlineData("someone@cs.stanford.edu", "stanford.edu")]
    [InlineData("someone@redhat.com", "redhat.com")]
    [InlineData("SOMEONE@Python.ORG.", "python.org")]
    [InlineData("someone@gmail.com", null)]
    [InlineData("someone@yahoo.co.jp", null)]
    [InlineData("someone@hotmail.fr", null)]
    [InlineData("123+someone@users.noreply.github.com", null)]
    [InlineData("someone@localhost", null)]
    [InlineData("no address", null)]
    [InlineData("someone@", null)]
    public void An_address_names_its_registrable_domain_unless_a_public_provider(string email, string? organisation) =>
        Assert.Equal(organisation, ContributorsCheck.Organisation(email));

    [Fact]
    public void No_repository_is_not_applicable()
    {
        var directory = Directory.CreateTempSubdirectory("kingsnake-posture-plain-");
        try
        {
            Assert.Equal(CheckStatus.NotApplicable, Check.Run(new PostureContext(ProjectTree.Open(directory.FullName), null, Now)).Status);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
