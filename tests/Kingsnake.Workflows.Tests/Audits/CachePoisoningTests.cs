using Kingsnake.Core.Findings;
using Kingsnake.Workflows.Auditing;
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

public sealed class CachePoisoningSourcesTests
{
    private const string Rule = "cache-poisoning";

    /// <summary>A tag-triggered build as PyPA's guides write it, with setup-python's pip cache on.</summary>
    private const string TagRelease = """
        name: Release
        on:
          push:
            tags: ["v*"]
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
                with:
                  persist-credentials: false
              - uses: actions/setup-python@v5
                with:
                  python-version: "3.x"
                  cache: pip
              - run: python -m pip install build && python -m build
        """;

    private static IReadOnlyList<Finding> Audit(params (string Path, string Text)[] files)
    {
        var results = new WorkflowAuditor().AuditTexts([.. files.Select(f => (f.Path, f.Text, WorkflowFileKind.Workflow))]);
        Assert.All(results, r => Assert.Null(r.Error));
        return [.. results.SelectMany(r => r.Findings).Where(f => f.Rule.Name == Rule)];
    }

    [Fact]
    public void Pull_request_caches_are_not_named_as_the_source()
    {
        // the test workflow saves pip caches on pull_request and on main; the pull request's entries stay with its ref
        var tests = """
            on:
              push:
                branches: [main]
              pull_request:
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - uses: actions/setup-python@v5
                    with: {python-version: "3.12", cache: pip}
                  - run: pip install -e .[test] && pytest
            """;
        var finding = Assert.Single(Audit((".github/workflows/release.yml", TagRelease), (".github/workflows/tests.yml", tests)));
        Assert.Equal(Confidence.Low, finding.Confidence);
        Assert.Contains("pull-request runs cannot", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tests.yml", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_default_branch_workflow_that_runs_fork_code_and_caches_is_named()
    {
        // the classic poisoning source: pull_request_target checks out the fork's head and setup-python saves its pip
        // cache on the default branch when the job ends
        var benchmarks = """
            on:
              pull_request_target:
                types: [labeled]
            jobs:
              bench:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                    with:
                      ref: ${{ github.event.pull_request.head.sha }}
                  - uses: actions/setup-python@v5
                    with:
                      python-version: "3.12"
                      cache: pip
                  - run: pip install -e . && python bench.py
            """;
        var finding = Assert.Single(Audit((".github/workflows/release.yml", TagRelease), (".github/workflows/bench.yml", benchmarks)));
        Assert.Equal(Confidence.Medium, finding.Confidence);
        Assert.Contains("'.github/workflows/bench.yml' runs a fork's code on the default branch (pull_request_target, job 'bench')", finding.Message, StringComparison.Ordinal);
        Assert.Equal(12, finding.Location.StartLine); // on the release job's setup-python, not in the other file
    }

    [Fact]
    public void Privileged_workflow_without_a_fork_checkout_or_without_a_cache_is_not_a_source()
    {
        var labels = """
            on: pull_request_target
            jobs:
              label:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/setup-python@v5
                    with: {python-version: "3.12", cache: pip}
                  - run: python scripts/label.py
            """;
        var noCache = """
            on: pull_request_target
            jobs:
              check:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                    with:
                      ref: ${{ github.event.pull_request.head.sha }}
                  - run: make check
            """;
        var finding = Assert.Single(Audit((".github/workflows/release.yml", TagRelease), (".github/workflows/label.yml", labels), (".github/workflows/check.yml", noCache)));
        Assert.Equal(Confidence.Low, finding.Confidence);
    }

    [Fact]
    public void Pages_deploy_is_not_a_release()
    {
        // mkdocs built with a pip cache on every push to main and deployed with deploy-pages: a site, not a package
        var yaml = """
            on:
              push:
                branches: [main]
            permissions:
              contents: read
              pages: write
              id-token: write
            jobs:
              deploy:
                runs-on: ubuntu-latest
                environment:
                  name: github-pages
                  url: ${{ steps.deployment.outputs.page_url }}
                steps:
                  - uses: actions/checkout@v4
                  - uses: actions/setup-python@v5
                    with:
                      python-version: "3.x"
                      cache: pip
                  - run: pip install -r docs/requirements.txt && mkdocs build
                  - uses: actions/upload-pages-artifact@v3
                    with:
                      path: site
                  - id: deployment
                    uses: actions/deploy-pages@v4
            """;
        Assert.Empty(Run.Workflow(yaml, Rule));
    }

    [Theory]
    [InlineData("python -m twine upload dist/*")]
    [InlineData("uv publish")]
    [InlineData("poetry publish --build")]
    public void Upload_command_makes_the_job_a_release_job(string command)
    {
        var yaml = $"""
            on: workflow_dispatch
            jobs:
              publish:
                runs-on: ubuntu-latest
                steps:
                  - uses: astral-sh/setup-uv@v6
                  - run: {command}
            """;
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Contains("publishes with", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Upload_dry_run_does_not_make_a_release_job()
    {
        var yaml = "on: pull_request\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: astral-sh/setup-uv@v6\n      - run: uv publish --dry-run\n";
        Assert.Empty(Run.Workflow(yaml, Rule));
    }

    [Theory]
    [InlineData("actions/setup-node@v5", "node-version: 22", 1)] // v5 caches npm by default (zizmor 1.25)
    [InlineData("actions/setup-node@v5", "package-manager-cache: false", 0)]
    [InlineData("actions/setup-node@v4", "node-version: 22", 0)]
    [InlineData("actions/setup-node@v4", "cache: npm", 1)]
    [InlineData("prefix-dev/setup-pixi@v0.8.1", "pixi-version: v0.40.0", 1)] // caches by default when there is a pixi.lock
    [InlineData("prefix-dev/setup-pixi@v0.8.1", "cache: false", 0)]
    [InlineData("oven-sh/setup-bun@v2", "bun-version: latest", 1)]
    [InlineData("oven-sh/setup-bun@v2", "no-cache: true", 0)]
    [InlineData("jdx/mise-action@v2", "install: true", 1)]
    [InlineData("ruby/setup-ruby@v1", "bundler-cache: true", 1)]
    [InlineData("ruby/setup-ruby@v1", "ruby-version: '3.3'", 0)]
    [InlineData("actions/cache/restore@v4", "key: x", 1)]
    [InlineData("actions/setup-java@v4", "cache: maven", 1)]
    [InlineData("actions/setup-java@v4", "java-version: 21", 0)]
    public void Setup_actions_that_cache_by_default_or_when_asked(string action, string with, int expected)
    {
        var yaml = $"""
            on:
              push:
                tags: ["*"]
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - uses: {action}
                    with:
                      {with}
            """;
        Assert.Equal(expected, Run.Workflow(yaml, Rule).Count);
    }
}
