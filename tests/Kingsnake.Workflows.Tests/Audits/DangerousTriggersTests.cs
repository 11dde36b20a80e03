using Kingsnake.Core.Findings;
using Kingsnake.Workflows.Tests.Support;

namespace Kingsnake.Workflows.Tests.Audits;

public sealed class DangerousTriggersTests
{
    private const string Rule = "dangerous-triggers";

    [Fact]
    public void Pwn_request_checkout_then_install_is_critical()
    {
        var yaml = """
            name: Tests on PRs
            on: pull_request_target
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                    with:
                      ref: ${{ github.event.pull_request.head.sha }}
                  - uses: actions/setup-python@v5
                  - run: pip install -e . && pytest
            """;
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal((Severity.Critical, Confidence.High), (finding.Severity, finding.Confidence));
        Assert.Equal(9, finding.Location.StartLine);
        Assert.Contains("pip install", finding.Message);
    }

    [Fact]
    public void Workflow_run_checkout_of_the_head_branch_without_later_steps_is_high()
    {
        var yaml = """
            on:
              workflow_run:
                workflows: [CI]
                types: [completed]
            jobs:
              look:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                    with:
                      ref: ${{ github.event.workflow_run.head_sha }}
            """;
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal(Severity.High, finding.Severity);
    }

    [Fact]
    public void Gh_pr_checkout_in_a_script_counts()
    {
        var yaml = """
            on: pull_request_target
            jobs:
              j:
                runs-on: ubuntu-latest
                steps:
                  - run: gh pr checkout ${{ github.event.pull_request.number }}
                  - run: make test
            """;
        Assert.Equal(Severity.Critical, Assert.Single(Run.Workflow(yaml, Rule)).Severity);
    }

    [Fact]
    public void Trigger_without_checkout_is_informational()
    {
        var yaml = """
            on: pull_request_target
            permissions:
              pull-requests: write
            jobs:
              comment:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - run: echo "base branch only"
            """;
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Equal(1, finding.Location.StartLine);
        Assert.Equal(5, finding.Location.StartColumn);
    }

    [Fact]
    public void Labeler_only_workflow_is_not_reported()
    {
        var yaml = """
            name: Labeler
            on: [pull_request_target]
            jobs:
              label:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/labeler@v5
            """;
        Assert.Empty(Run.Workflow(yaml, Rule));
    }

    [Fact]
    public void Plain_pull_request_is_not_a_dangerous_trigger()
    {
        var yaml = """
            on: pull_request
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                    with:
                      ref: ${{ github.event.pull_request.head.sha }}
                  - run: pytest
            """;
        Assert.Empty(Run.Workflow(yaml, Rule));
    }
}
