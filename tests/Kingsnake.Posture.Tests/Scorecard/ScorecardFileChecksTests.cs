using Kingsnake.Posture.Checks.Scorecard;
using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Tests.Scorecard;

public sealed class ScorecardFileChecksTests
{
    [Fact]
    public void Checks_are_listed_in_Scorecards_alphabetical_order_with_their_risks()
    {
        Assert.Equal(
            [
                "Binary-Artifacts:High", "Branch-Protection:High", "CI-Tests:Low", "CII-Best-Practices:Low", "Dangerous-Workflow:Critical",
                "Dependency-Update-Tool:High", "Fuzzing:Medium", "License:Low", "Packaging:Medium", "Pinned-Dependencies:Medium", "SAST:Medium",
                "Security-Policy:Medium", "Token-Permissions:High", "Vulnerabilities:High", "Webhooks:Critical",
            ],
            ScorecardFileChecks.All.Select(c => $"{c.Name}:{c.Risk}"));
        Assert.All(ScorecardFileChecks.All, c => Assert.Equal(CheckOrigin.Scorecard, c.Origin));
        Assert.Equal(ScorecardFileChecks.All.Select(c => c.Name).Order(StringComparer.Ordinal), ScorecardFileChecks.All.Select(c => c.Name));
    }

    [Theory]
    [InlineData("Branch-Protection")]
    [InlineData("CII-Best-Practices")]
    [InlineData("Webhooks")]
    public void Api_only_checks_are_not_computed_with_a_reason(string name)
    {
        using var tree = new TempTree();
        tree.Write("README.md", "# x\n");
        var result = ScorecardFileChecks.All.Single(c => c.Name == name).Run(tree.Context());
        Assert.Equal(CheckStatus.NotComputed, result.Status);
        Assert.Equal(-1, result.Score);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
        Assert.DoesNotContain('\n', result.Reason);
    }

    [Fact]
    public void Every_check_runs_on_this_repositorys_own_workflows()
    {
        using var tree = new TempTree();
        var source = Path.Combine(FindRepositoryRoot(), ".github");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            tree.WriteBytes(".github/" + Path.GetRelativePath(source, file).Replace('\\', '/'), File.ReadAllBytes(file));
        }

        var context = tree.Context();
        var results = ScorecardFileChecks.All.Select(c => c.Run(context)).ToList();
        Assert.Equal(ScorecardFileChecks.All.Count, results.Count);
        foreach (var result in results)
        {
            Assert.False(string.IsNullOrWhiteSpace(result.Reason), result.Name);
            Assert.DoesNotContain('\n', result.Reason);
            Assert.NotEqual(CheckStatus.Error, result.Status);
            Assert.True(result.Status != CheckStatus.Scored || result.Score is >= 0 and <= 10, result.Name);
            Assert.True(result.Status != CheckStatus.Scored || result.Score == 10 || result.NextStep is not null, result.Name);
            foreach (var evidence in result.Evidence.Where(e => e.Path is not null))
            {
                Assert.True(File.Exists(Path.Combine(tree.Root, evidence.Path!)), $"{result.Name}: {evidence.Path}");
                Assert.True(evidence.Line >= 0);
            }
        }

        // facts of these workflows that hold whatever their details: they exist, so the workflow checks are scored
        Assert.Equal(CheckStatus.Scored, results.Single(r => r.Name == "Dangerous-Workflow").Status);
        Assert.Equal(CheckStatus.Scored, results.Single(r => r.Name == "Token-Permissions").Status);
        Assert.Equal(CheckStatus.NotComputed, results.Single(r => r.Name == "Vulnerabilities").Status);
        Assert.Equal(0, results.Single(r => r.Name == "License").Score); // only .github/ was copied
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = AppContext.BaseDirectory; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "Kingsnake.slnx")))
            {
                return directory;
            }
        }

        throw new DirectoryNotFoundException("Kingsnake.slnx not found above the test binaries");
    }
}
