using Kingsnake.Posture.Checks.Scorecard;

namespace Kingsnake.Posture.Tests.Scorecard;

public sealed class SastCheckTests
{
    private static readonly SastCheck Check = new();

    // GitHub's CodeQL starter workflow, trimmed
    private const string CodeQl = """
        name: CodeQL
        on:
          push:
            branches: [main]
          pull_request:
          schedule:
            - cron: "27 4 * * 1"
        permissions:
          contents: read
        jobs:
          analyze:
            runs-on: ubuntu-latest
            permissions:
              security-events: write
            steps:
              - uses: actions/checkout@v4
              - uses: github/codeql-action/init@v3
                with:
                  languages: python
              - uses: github/codeql-action/analyze@v3
        """;

    private const string Lint = """
        name: lint
        on: [push, pull_request]
        jobs:
          lint:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - run: pipx run bandit -r src -ll
              - run: |
                  ruff check .
                  ruff format --check .
        """;

    [Fact]
    public void CodeQL_scores_10_without_pull_requests()
    {
        using var tree = new TempTree();
        tree.Write(".github/workflows/codeql.yml", CodeQl);
        var result = tree.Run(Check);
        Assert.Equal(10, result.Score);
        Assert.Equal((".github/workflows/codeql.yml", 20), (result.Evidence[0].Path, result.Evidence[0].Line));
    }

    [Fact]
    public void Bandit_and_ruff_are_not_counted_and_the_reason_says_so()
    {
        using var tree = new TempTree();
        tree.Write(".github/workflows/lint.yml", Lint);
        var result = tree.Run(Check);
        Assert.Equal(0, result.Score);
        Assert.Contains("Bandit, ruff in CI not counted by Scorecard", result.Reason, StringComparison.Ordinal);
        Assert.Contains("Scorecard does not count Bandit, ruff", result.NextStep, StringComparison.Ordinal);
        Assert.Equal([8, 10], result.Evidence.Select(e => e.Line)); // `ruff format` is a formatter, not a linter
    }

    [Fact]
    public void Hadolint_action_or_sonar_in_a_pom_scores_10()
    {
        using (var tree = new TempTree())
        {
            tree.Write(".github/workflows/docker.yml", "on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: hadolint/hadolint-action@v3.1.0\n        with:\n          dockerfile: Dockerfile\n");
            Assert.Equal(10, tree.Run(Check).Score);
        }

        using (var tree = new TempTree())
        {
            tree.Write("java/pom.xml", "<project><properties><sonar.host.url>https://sonarcloud.io</sonar.host.url></properties></project>\n");
            Assert.Equal(10, tree.Run(Check).Score);
        }
    }

    [Fact]
    public void CodeQL_with_Bandit_scores_10_and_still_notes_Bandit()
    {
        using var tree = new TempTree();
        tree.Write(".github/workflows/codeql.yml", CodeQl);
        tree.Write(".github/workflows/lint.yml", Lint);
        var result = tree.Run(Check);
        Assert.Equal(10, result.Score);
        Assert.EndsWith("; Bandit, ruff in CI not counted by Scorecard", result.Reason, StringComparison.Ordinal);
        Assert.Equal([".github/workflows/codeql.yml", ".github/workflows/lint.yml", ".github/workflows/lint.yml"], result.Evidence.Select(e => e.Path));
    }

    [Fact]
    public void Nothing_scores_0()
    {
        using var tree = new TempTree();
        tree.Write("README.md", "# x\n");
        var result = tree.Run(Check);
        Assert.Equal(0, result.Score);
        Assert.Contains("CodeQL", result.NextStep, StringComparison.Ordinal);
    }
}
