using Kingsnake.Posture.Checks.Scorecard;
using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Tests.Scorecard;

public sealed class DangerousWorkflowCheckTests
{
    private static readonly DangerousWorkflowCheck Check = new();

    private static string Labeler(string trigger, string reference) => $$$"""
        name: label
        on:
          {{{trigger}}}:
        permissions:
          contents: read
        jobs:
          label:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
                with:
                  ref: ${{ {{{reference}}} }}
              - run: python tools/label.py
        """;

    [Theory]
    [InlineData("pull_request_target", "github.event.pull_request.head.sha", 0)]
    [InlineData("pull_request_target", "github.event.pull_request.head.ref", 0)]
    [InlineData("workflow_run", "github.event.workflow_run.head_branch", 0)]
    [InlineData("pull_request_target", "github.sha", 10)] // the base: safe
    [InlineData("pull_request", "github.event.pull_request.head.sha", 10)] // no privileges to abuse
    public void Untrusted_checkout_in_a_privileged_workflow(string trigger, string reference, int expected)
    {
        using var tree = new TempTree();
        tree.Write(".github/workflows/label.yml", Labeler(trigger, reference));
        var result = tree.Run(Check);
        Assert.Equal(expected, result.Score);
        if (expected == 0)
        {
            var evidence = Assert.Single(result.Evidence);
            Assert.Equal((".github/workflows/label.yml", 12, true), (evidence.Path, evidence.Line, evidence.Negative));
            Assert.Contains("untrusted checkout", result.Reason, StringComparison.Ordinal);
            Assert.Contains(".github/workflows/label.yml:12", result.NextStep, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("echo \"${{ github.event.issue.title }}\"", 0)]
    [InlineData("echo \"${{ github.event.pull_request.body }}\"", 0)]
    [InlineData("echo \"${{ github.event.comment.body }}\"", 0)]
    [InlineData("echo \"${{ github.event.head_commit.message }}\"", 0)]
    [InlineData("echo \"${{ github.event.commits[0].author.email }}\"", 0)]
    [InlineData("git checkout ${{ github.head_ref }}", 0)]
    [InlineData("echo '${{ toJSON(github.event) }}' > event.json", 0)]
    [InlineData("echo '${{ toJSON(github) }}'", 0)]
    [InlineData("echo ${{ github.event.pull_request.number }}", 10)]
    [InlineData("echo ${{ github.ref_name }} ${{ steps.meta.outputs.version }}", 10)]
    [InlineData("echo ${{ github.event.pull_request.head.sha }}", 10)]
    public void Expressions_in_scripts(string line, int expected)
    {
        using var tree = new TempTree();
        tree.Write(".github/workflows/triage.yml", $$$"""
            on:
              issues:
              issue_comment:
            jobs:
              triage:
                runs-on: ubuntu-latest
                steps:
                  - name: show
                    run: |
                      set -eu
                      {{{line}}}
            """);
        var result = tree.Run(Check);
        Assert.Equal(expected, result.Score);
        if (expected == 0)
        {
            Assert.Equal(11, Assert.Single(result.Evidence).Line);
            Assert.Contains("env:", result.NextStep, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Untrusted_text_passed_through_env_is_safe()
    {
        using var tree = new TempTree();
        tree.Write(".github/workflows/triage.yml", """
            on: issues
            jobs:
              triage:
                runs-on: ubuntu-latest
                steps:
                  - env:
                      TITLE: ${{ github.event.issue.title }}
                    run: echo "$TITLE"
            """);
        var result = tree.Run(Check);
        Assert.Equal(10, result.Score);
        Assert.Null(result.NextStep);
    }

    [Fact]
    public void No_workflow_is_not_applicable_and_a_broken_one_is_an_error()
    {
        using (var tree = new TempTree())
        {
            tree.Write("README.md", "# x\n");
            Assert.Equal(CheckStatus.NotApplicable, tree.Run(Check).Status);
        }

        using (var tree = new TempTree())
        {
            tree.Write(".github/workflows/broken.yml", "on: push\njobs: [\n");
            var result = tree.Run(Check);
            Assert.Equal(CheckStatus.Error, result.Status);
            Assert.Contains(".github/workflows/broken.yml", result.Reason, StringComparison.Ordinal);
        }
    }
}
