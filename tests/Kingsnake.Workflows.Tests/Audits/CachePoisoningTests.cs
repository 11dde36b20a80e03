using Kingsnake.Core.Findings;
using Kingsnake.Workflows.Tests.Support;

namespace Kingsnake.Workflows.Tests.Audits;

public sealed class CachePoisoningTests
{
    private const string Rule = "cache-poisoning";

    [Fact]
    public void Setup_python_cache_in_a_tag_release_is_reported()
    {
        var yaml = """
            on:
              push:
                tags: ["v*"]
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/setup-python@v5
                    with:
                      python-version: "3.12"
                      cache: pip
                  - run: python -m build
            """;
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal((Severity.High, Confidence.Low), (finding.Severity, finding.Confidence));
        Assert.Equal("actions/setup-python@v5", Run.Covered(yaml, finding));
        Assert.Contains("pushed tags", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Publishing_step_makes_a_job_publishing_whatever_the_trigger()
    {
        var yaml = """
            on: workflow_dispatch
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/cache@v4
                    with: {path: ~/.cache/pip, key: pip}
              publish:
                runs-on: ubuntu-latest
                steps:
                  - uses: astral-sh/setup-uv@v6
                  - run: uv build
                  - uses: pypa/gh-action-pypi-publish@release/v1
            """;
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal(11, finding.Location.StartLine); // setup-uv v6 caches by default; the test job does not publish
        Assert.Contains("pypa/gh-action-pypi-publish", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("actions/setup-python@v5", "python-version: '3.12'")] // no cache input: opt-in
    [InlineData("actions/setup-python@v5", "cache: ''")]
    [InlineData("astral-sh/setup-uv@v5", "version: '0.5'")] // before the "auto" default
    [InlineData("astral-sh/setup-uv@v10", "enable-cache: auto")] // v10's auto skips release events
    [InlineData("astral-sh/setup-uv@v6", "enable-cache: false")]
    [InlineData("actions/setup-go@v5", "cache: false")]
    [InlineData("actions/setup-python@v5", "cache: ${{ !startsWith(github.ref, 'refs/tags/') && 'pip' || '' }}")]
    public void Caching_off_or_conditional_is_clean(string action, string with)
    {
        var yaml = $"""
            on:
              release:
                types: [published]
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - uses: {action}
                    with:
                      {with}
            """;
        Assert.Empty(Run.Workflow(yaml, Rule));
    }

    [Theory]
    [InlineData("actions/setup-go@v5", "go-version: '1.23'")]
    [InlineData("astral-sh/setup-uv@v6", "enable-cache: true")]
    [InlineData("Swatinem/rust-cache@v2", "shared-key: x")]
    public void Default_and_explicit_caches_in_a_release_are_reported(string action, string with)
    {
        var yaml = $"""
            on:
              release:
                types: [published]
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - uses: {action}
                    with:
                      {with}
            """;
        Assert.Single(Run.Workflow(yaml, Rule));
    }

    [Fact]
    public void Test_workflows_on_branches_and_pull_requests_are_clean()
    {
        var yaml = """
            on:
              push:
                branches: [main]
              pull_request:
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/setup-python@v5
                    with: {python-version: "3.12", cache: pip}
                  - uses: docker/build-push-action@v6
                    with: {push: false}
            """;
        Assert.Empty(Run.Workflow(yaml, Rule));
    }

    [Fact]
    public void Release_branch_push_is_publishing_and_ignore_comment_suppresses()
    {
        var yaml = """
            on:
              push:
                branches: ["release/**"]
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/cache@v4 # zizmor: ignore[cache-poisoning] key includes the tag
                  - uses: actions/cache@v4
            """;
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal(9, finding.Location.StartLine);
    }
}

public sealed class ActionVersionCommentTests
{
    [Theory]
    [InlineData("# v6.1.0", 1)]
    [InlineData("#v7", 1)]
    [InlineData("# 6.0.1", 1)]
    [InlineData("# v5.4.0", 0)] // before setup-uv's auto default
    [InlineData("# v10.0.0", 0)] // auto skips release events
    [InlineData("", 0)] // SHA without a version: unknown, not reported
    public void Sha_pins_take_the_version_from_their_comment(string comment, int findings)
    {
        var yaml = $"on:\n  release:\njobs:\n  b:\n    runs-on: x\n    steps:\n      - uses: astral-sh/setup-uv@f0ec1fc3b38f5e7cd731bb6ce540c5af426746bb {comment}\n";
        Assert.Equal(findings, Run.Workflow(yaml, "cache-poisoning").Count);
    }

    [Fact]
    public void Checkout_sha_pin_with_v6_comment_is_one_step_lower()
    {
        var yaml = "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@1af3b93b6815bc44a9784bd300feb67ff0d1eeb3 # v6.0.0\n";
        Assert.Equal(Kingsnake.Core.Findings.Severity.Low, Assert.Single(Run.Workflow(yaml, "artipacked")).Severity);
    }
}
