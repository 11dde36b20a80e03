using Kingsnake.Core.Findings;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Tests.Support;

namespace Kingsnake.Workflows.Tests.Audits;

public sealed class UnpinnedUsesTests
{
    private const string Rule = "unpinned-uses";

    private const string Workflow = """
        on: push
        permissions: {}
        jobs:
          ci:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683  # v4.2.2
              - uses: actions/setup-python@v5
              - uses: astral-sh/setup-uv@v3
              - uses: pypa/gh-action-pypi-publish@release/v1
              - uses: codecov/codecov-action@main
              - uses: ./.github/actions/local
              - uses: docker://alpine:3.20
              - uses: some/action
          reuse:
            uses: octo/wf/.github/workflows/build.yml@v2
        """;

    [Fact]
    public void Default_policy_grades_first_party_tags_medium_and_the_rest_high()
    {
        var findings = Run.Workflow(Workflow, Rule);
        Assert.Equal(
            [(8, Severity.Medium), (9, Severity.High), (10, Severity.High), (11, Severity.High), (14, Severity.High), (16, Severity.High)],
            findings.Select(f => (f.Location.StartLine, f.Severity)));
        Assert.Contains("branch 'release/v1'", findings[2].Message);
        Assert.Contains("no ref", findings[4].Message);
    }

    [Fact]
    public void Hash_pin_all_policy_matches_zizmor()
    {
        var findings = Run.Workflow(Workflow, Rule, policy: UnpinnedPolicy.HashPinAll);
        Assert.Equal(6, findings.Count);
        Assert.All(findings, f => Assert.Equal(Severity.High, f.Severity));
    }

    [Fact]
    public void Ref_pin_policy_accepts_tags_but_not_branches()
    {
        var findings = Run.Workflow(Workflow, Rule, policy: UnpinnedPolicy.RefPin);
        Assert.Equal([10, 11, 14], findings.Select(f => f.Location.StartLine));
    }

    [Fact]
    public void Composite_action_steps_are_checked()
    {
        Assert.Single(Run.Action("runs:\n  using: composite\n  steps:\n    - uses: foo/bar@v1\n", Rule));
    }
}
