using Kingsnake.Posture.Checks.Scorecard;
using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Tests.Scorecard;

public sealed class CiTestsCheckTests
{
    [Theory]
    [InlineData("python -m pytest -q")]
    [InlineData("pip install tox\n          tox -e py312")]
    [InlineData("uvx nox -s tests")]
    [InlineData("uv run --frozen pytest")]
    [InlineData("make test")]
    [InlineData("hatch test")]
    public void A_pull_request_workflow_that_runs_tests_scores_10(string run)
    {
        using var tree = new TempTree().Write(".github/workflows/tests.yml", $"""
            on:
              pull_request:
              push:
                branches: [main]
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - run: |
                      {run}
            """);
        var result = tree.Run(new CiTestsCheck());
        Assert.Equal((CheckStatus.Scored, 10), (result.Status, result.Score));
        Assert.Equal((".github/workflows/tests.yml", 10), (result.Evidence[0].Path, result.Evidence[0].Line));
    }

    [Fact]
    public void Tests_only_on_push_or_no_tests_on_pull_requests_score_0()
    {
        using var pushOnly = new TempTree().Write(".github/workflows/tests.yml", "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n");
        var result = pushOnly.Run(new CiTestsCheck());
        Assert.Equal(0, result.Score);
        Assert.Contains("on: pull_request", result.NextStep, StringComparison.Ordinal);

        using var lintOnly = new TempTree().Write(".github/workflows/lint.yml", "on: pull_request\njobs:\n  l:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ruff check .\n");
        Assert.Equal(0, lintOnly.Run(new CiTestsCheck()).Score);
    }

    [Fact]
    public void Another_ci_that_runs_tests_counts()
    {
        using var tree = new TempTree().Write(".gitlab-ci.yml", "test:\n  image: python:3.12\n  script:\n    - pip install -e .[test]\n    - pytest\n");
        Assert.Equal(10, tree.Run(new CiTestsCheck()).Score);
    }
}
