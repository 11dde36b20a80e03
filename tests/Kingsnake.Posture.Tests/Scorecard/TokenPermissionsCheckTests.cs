using Kingsnake.Posture.Checks.Scorecard;
using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Tests.Scorecard;

public sealed class TokenPermissionsCheckTests
{
    private static readonly TokenPermissionsCheck Check = new();

    // a test workflow in the style of pypa/pip's: the job declares what it needs, the top level may not
    private static string TestWorkflow(string? topLevel, string jobPermissions = "    permissions:\n      contents: read\n") => $"""
        name: tests
        on:
          push:
            branches: [main]
          pull_request:
        {topLevel ?? ""}
        jobs:
          tests:
            runs-on: ubuntu-latest
        {jobPermissions}    steps:
              - uses: actions/checkout@v4
              - uses: actions/setup-python@v5
                with:
                  python-version: "3.12"
              - run: python -m pip install nox
              - run: nox -s tests
        """;

    [Theory]
    [InlineData(1, 9)] // 10 − 0.5 = 9.5 → 9
    [InlineData(2, 9)] // 10 − 1 = 9
    [InlineData(3, 8)] // 10 − 1.5 = 8.5 → 8
    [InlineData(4, 8)] // 10 − 2 = 8
    public void Each_file_without_top_level_permissions_costs_half_a_point_then_truncation(int undeclaredFiles, int expected)
    {
        using var tree = new TempTree();
        for (var i = 0; i < undeclaredFiles; i++)
        {
            tree.Write($".github/workflows/tests{i}.yml", TestWorkflow(topLevel: null));
        }

        tree.Write(".github/workflows/lint.yml", TestWorkflow("permissions:\n  contents: read\n"));
        var result = tree.Run(Check);
        Assert.Equal(CheckStatus.Scored, result.Status);
        Assert.Equal(expected, result.Score);
        Assert.Equal(undeclaredFiles, result.Evidence.Count(e => e.Negative && e.Description.StartsWith("no top-level", StringComparison.Ordinal)));
        Assert.Contains($"{undeclaredFiles} of {undeclaredFiles + 1} workflows without top-level permissions", result.Reason, StringComparison.Ordinal);
        Assert.NotNull(result.NextStep);
    }

    [Fact]
    public void A_workflow_with_permissions_nowhere_scores_0()
    {
        using var tree = new TempTree();
        tree.Write(".github/workflows/lint.yml", TestWorkflow("permissions:\n  contents: read\n"));
        tree.Write(".github/workflows/tests.yml", TestWorkflow(topLevel: null, jobPermissions: ""));
        var result = tree.Run(Check);
        Assert.Equal(0, result.Score);
        var evidence = Assert.Single(result.Evidence);
        Assert.Equal(".github/workflows/tests.yml", evidence.Path);
        Assert.Equal(8, evidence.Line); // the undeclared job's key ("  tests:")
        Assert.Contains("score 0", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Top_level_write_all_costs_half_a_point_alone_and_everything_with_a_writing_job()
    {
        using (var tree = new TempTree())
        {
            tree.Write(".github/workflows/tests.yml", TestWorkflow("permissions: write-all\n"));
            var result = tree.Run(Check);
            Assert.Equal(9, result.Score); // 9.5 truncated
            Assert.Equal(6, result.Evidence[0].Line); // the permissions: line
        }

        using (var tree = new TempTree())
        {
            tree.Write(".github/workflows/tests.yml", TestWorkflow("permissions: write-all\n", "    permissions:\n      contents: write\n"));
            Assert.Equal(0, tree.Run(Check).Score);
        }

        using (var tree = new TempTree())
        {
            // the same writing job in a release workflow is exempt: contents is the scope a release needs
            tree.Write(".github/workflows/release.yml", """
                name: release
                on:
                  push:
                    tags: ["v*"]
                permissions: write-all
                jobs:
                  release:
                    runs-on: ubuntu-latest
                    permissions:
                      contents: write
                    steps:
                      - uses: actions/checkout@v4
                      - uses: softprops/action-gh-release@v2
                """);
            Assert.Equal(9, tree.Run(Check).Score);
        }
    }

    [Theory]
    [InlineData("contents: write", 0)] // −10
    [InlineData("packages: write", 0)] // −10
    [InlineData("actions: write", 0)] // −10
    [InlineData("security-events: write", 9)] // −1
    [InlineData("deployments: write", 9)] // −1
    [InlineData("checks: write", 9)] // −0.5 → 9.5 → 9
    [InlineData("statuses: write\n  checks: write", 9)] // −1
    [InlineData("deployments: write\n  checks: write", 8)] // −1.5 → 8.5 → 8
    [InlineData("issues: write\n  pull-requests: write\n  id-token: write", 10)] // not scopes Scorecard weighs
    [InlineData("contents: read", 10)]
    public void Top_level_write_scopes_cost_by_scope(string scopes, int expected)
    {
        using var tree = new TempTree();
        tree.Write(".github/workflows/tests.yml", TestWorkflow($"permissions:\n  {scopes}\n"));
        var result = tree.Run(Check);
        Assert.Equal(expected, result.Score);
        Assert.Equal(expected < 10, result.NextStep is not null);
    }

    [Fact]
    public void The_reason_names_each_cost_and_the_truncation()
    {
        using var tree = new TempTree();
        tree.Write(".github/workflows/tests.yml", TestWorkflow("permissions:\n  deployments: write\n  checks: write\n"));
        tree.Write(".github/workflows/docs.yml", TestWorkflow(topLevel: null));
        var result = tree.Run(Check);

        // 10 − 1 (deployments) − 0.5 (checks) − 0.5 (docs.yml undeclared) = 8
        Assert.Equal(8, result.Score);
        Assert.Equal(
            "1 of 2 workflows without top-level permissions (−0.5 each); top-level writes: deployments −1 in .github/workflows/tests.yml, checks −0.5 in .github/workflows/tests.yml: 8 truncated to 8",
            result.Reason);
        Assert.Equal([(".github/workflows/docs.yml", 2), (".github/workflows/tests.yml", 7), (".github/workflows/tests.yml", 8)], result.Evidence.Select(e => (e.Path!, e.Line)));
    }

    [Fact]
    public void Read_only_and_empty_top_levels_with_job_writes_score_10()
    {
        using var tree = new TempTree();
        tree.Write(".github/workflows/tests.yml", TestWorkflow("permissions: read-all\n", "    permissions:\n      contents: write\n      packages: write\n"));
        tree.Write(".github/workflows/publish.yml", """
            name: publish
            on:
              release:
                types: [published]
            permissions: {}
            jobs:
              pypi:
                runs-on: ubuntu-latest
                environment: pypi
                permissions:
                  id-token: write
                steps:
                  - uses: actions/download-artifact@v4
                  - uses: pypa/gh-action-pypi-publish@release/v1
            """);
        var result = tree.Run(Check);
        Assert.Equal(10, result.Score);
        Assert.Null(result.NextStep);
    }

    [Fact]
    public void No_workflow_is_not_applicable()
    {
        using var tree = new TempTree();
        tree.Write("pyproject.toml", "[project]\nname = \"x\"\n");
        tree.Write(".github/workflows/empty.yml", "# disabled\n\n# nothing here\n");
        var result = tree.Run(Check);
        Assert.Equal(CheckStatus.NotApplicable, result.Status);
        Assert.Equal(-1, result.Score);
    }
}
