using Kingsnake.Core.Findings;
using Kingsnake.Workflows.Audits;
using Kingsnake.Workflows.Tests.Support;

namespace Kingsnake.Workflows.Tests.Audits;

public sealed class SelfHostedRunnerTests
{
    private const string Rule = "self-hosted-runner";

    [Theory]
    [InlineData("self-hosted")]
    [InlineData("[self-hosted, linux, x64]")]
    [InlineData("{group: big-runners}")]
    [InlineData("{labels: [self-hosted, gpu]}")]
    public void Self_hosted_labels_are_for_auditors_on_push(string runsOn)
    {
        var yaml = $"on: push\njobs:\n  t:\n    runs-on: {runsOn}\n    steps: []\n";
        Assert.Empty(Run.Workflow(yaml, Rule));
        var finding = Assert.Single(Run.Workflow(yaml, Rule, Persona.Auditor));
        Assert.Equal((Severity.Medium, Confidence.High), (finding.Severity, finding.Confidence));
    }

    [Fact]
    public void Fork_triggers_make_it_regular_and_matrix_values_are_expanded()
    {
        var yaml = """
            on: pull_request
            jobs:
              t:
                runs-on: ${{ matrix.os }}
                strategy:
                  matrix:
                    os: [ubuntu-latest]
                    include:
                      - os: [self-hosted, arm64]
                steps: []
            """;
        Assert.Single(Run.Workflow(yaml, Rule));
    }

    [Fact]
    public void Hosted_runners_and_hosted_matrices_are_clean_even_for_auditors()
    {
        var yaml = "on: pull_request\njobs:\n  t:\n    runs-on: ${{ matrix.os }}\n    strategy:\n      matrix:\n        os: [ubuntu-latest, windows-2022]\n    steps: []\n  u:\n    runs-on: ubuntu-24.04\n    steps: []\n";
        Assert.Empty(Run.Workflow(yaml, Rule, Persona.Auditor));
    }

    [Fact]
    public void Unresolvable_expression_is_low_confidence_auditor()
    {
        var yaml = "on: pull_request\njobs:\n  t:\n    runs-on: ${{ inputs.runner }}\n    steps: []\n";
        Assert.Empty(Run.Workflow(yaml, Rule, Persona.Pedantic));
        Assert.Equal(Confidence.Low, Assert.Single(Run.Workflow(yaml, Rule, Persona.Auditor)).Confidence);
    }
}

public sealed class AnonymousDefinitionTests
{
    private const string Rule = "anonymous-definition";

    [Fact]
    public void Unnamed_workflow_and_jobs_are_pedantic()
    {
        var yaml = "on: push\njobs:\n  test:\n    runs-on: x\n    steps: []\n  lint:\n    name: Lint\n    runs-on: x\n    steps: []\n";
        Assert.Empty(Run.Workflow(yaml, Rule));
        var findings = Run.Workflow(yaml, Rule, Persona.Pedantic);
        Assert.Equal([(1, Severity.Low), (3, Severity.Info)], findings.Select(f => (f.Location.StartLine, f.Severity)));
    }

    [Fact]
    public void Named_definitions_are_clean() =>
        Assert.Empty(Run.Workflow("name: CI\non: push\njobs:\n  test:\n    name: Test\n    runs-on: x\n    steps: []\n", Rule, Persona.Auditor));
}

public sealed class ConcurrencyLimitsTests
{
    private const string Rule = "concurrency-limits";

    [Fact]
    public void Missing_concurrency_is_pedantic_low()
    {
        var yaml = "on: push\njobs:\n  test:\n    runs-on: x\n    steps: []\n";
        Assert.Empty(Run.Workflow(yaml, Rule));
        var finding = Assert.Single(Run.Workflow(yaml, Rule, Persona.Pedantic));
        Assert.Equal((Severity.Low, 1), (finding.Severity, finding.Location.StartLine));
    }

    [Fact]
    public void Group_without_cancel_in_progress_is_reported_at_its_key()
    {
        var yaml = "on: push\nconcurrency: ci-${{ github.ref }}\njobs:\n  test:\n    runs-on: x\n    steps: []\n";
        Assert.Equal(2, Assert.Single(Run.Workflow(yaml, Rule, Persona.Pedantic)).Location.StartLine);
    }

    [Fact]
    public void Limited_workflows_jobs_and_reusable_workflows_are_clean()
    {
        Assert.Empty(Run.Workflow("on: push\nconcurrency:\n  group: x\n  cancel-in-progress: true\njobs:\n  t:\n    runs-on: x\n    steps: []\n", Rule, Persona.Pedantic));
        Assert.Empty(Run.Workflow("on: push\njobs:\n  t:\n    concurrency: {group: x, cancel-in-progress: false}\n    runs-on: x\n    steps: []\n", Rule, Persona.Pedantic));
        Assert.Empty(Run.Workflow("on: workflow_call\njobs:\n  t:\n    runs-on: x\n    steps: []\n", Rule, Persona.Pedantic));
    }
}
