using Kingsnake.Core.Findings;
using Kingsnake.Workflows.Audits;
using Kingsnake.Workflows.Tests.Support;

namespace Kingsnake.Workflows.Tests.Audits;

/// <summary>Fixes never break a workflow: a job keeps the token scopes and the persisted credentials it uses; where that cannot be told, no edit.</summary>
public sealed class FixSafetyTests
{
    private static string ApplyFixes(string yaml, IEnumerable<Finding> findings) => Edits.Apply(yaml, findings.Where(f => f.Fix is not null).SelectMany(f => f.Fix!.Edits));

    [Theory]
    [InlineData("git push origin HEAD:gh-pages")]
    [InlineData("git -C docs push --tags")]
    [InlineData("mkdocs gh-deploy --force")]
    [InlineData("mike deploy --push --update-aliases 1.2 latest")]
    [InlineData("git fetch --tags origin")]
    [InlineData("gh pr merge --auto --squash \"$PR_URL\"")]
    public void Checkout_whose_credentials_a_later_step_uses_gets_no_edit(string command)
    {
        var yaml = $"""
            on:
              push:
                branches: [main]
            jobs:
              docs:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - run: pip install -r docs/requirements.txt
                  - run: {command}
            """;
        var finding = Assert.Single(Run.Workflow(yaml, "artipacked"));
        Assert.Null(finding.Fix);
        Assert.Contains("no automatic fix", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pushing_action_after_the_checkout_blocks_the_edit_and_a_plain_test_job_keeps_it()
    {
        var yaml = """
            on: push
            jobs:
              format:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - run: ruff format .
                  - uses: stefanzweifel/git-auto-commit-action@v5
              test:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - run: git log -1 && pytest
            """;
        var findings = Run.Workflow(yaml, "artipacked");
        Assert.Equal([6, 12], findings.Select(f => f.Location.StartLine));
        Assert.Null(findings[0].Fix);
        Assert.NotNull(findings[1].Fix); // git log reads the local clone only
    }

    [Fact]
    public void Narrowed_permissions_keep_the_scopes_each_job_uses()
    {
        // a typical Python release workflow with no permissions block: tests, a GitHub release made with gh, a
        // coverage comment; the fix narrows the workflow and gives the writing jobs what they use
        var yaml = """
            on:
              push:
                tags: ["v*"]
              pull_request:
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                    with:
                      persist-credentials: false
                  - run: pytest
              release:
                runs-on: ubuntu-latest
                steps:
                  - run: gh release create "$GITHUB_REF_NAME" --generate-notes
                    env:
                      GH_TOKEN: ${{ github.token }}
              coverage:
                runs-on: ubuntu-latest
                steps:
                  - uses: py-cov-action/python-coverage-comment-action@v3
                    with:
                      GITHUB_TOKEN: ${{ github.token }}
            """;
        var findings = Run.Workflow(yaml, "excessive-permissions");
        var fix = Assert.Single(findings, f => f.Fix is not null).Fix!;
        Assert.Contains("their own block", fix.Description, StringComparison.Ordinal);
        var fixedText = ApplyFixes(yaml, findings);
        Assert.Contains("permissions:\n  contents: read\njobs:\n", fixedText, StringComparison.Ordinal);
        Assert.Contains("  release:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: write\n    steps:\n", fixedText, StringComparison.Ordinal);
        Assert.Contains("  coverage:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: write\n      pull-requests: write\n    steps:\n", fixedText, StringComparison.Ordinal);
        Assert.Contains("  test:\n    runs-on: ubuntu-latest\n    steps:\n", fixedText, StringComparison.Ordinal); // reads only: the workflow block is enough
        Assert.Empty(Run.Workflow(fixedText, "excessive-permissions"));
    }

    [Theory]
    [InlineData("      - run: gh api repos/${{ github.repository }}/dispatches -f event_type=docs\n        env:\n          GH_TOKEN: ${{ github.token }}\n", "gh api")]
    [InlineData("      - uses: actions/github-script@v7\n        with:\n          script: |\n            await github.rest.issues.addLabels({ ...context.issue, labels: ['x'] })\n", "github-script")]
    [InlineData("      - uses: some-org/release-bot@v2\n        with:\n          token: ${{ secrets.GITHUB_TOKEN }}\n", "handed the token")]
    [InlineData("      - uses: ./.github/actions/publish\n", "local action")]
    public void Unknown_token_use_means_no_edit_and_the_finding_says_why(string step, string why)
    {
        var yaml = $"on: push\njobs:\n  test:\n    runs-on: x\n    steps:\n      - run: pytest\n  bot:\n    runs-on: x\n    steps:\n{step}";
        var findings = Run.Workflow(yaml, "excessive-permissions");
        Assert.All(findings, f => Assert.Null(f.Fix));
        Assert.Contains(findings, f => f.Message.Contains("no automatic fix", StringComparison.Ordinal) && f.Message.Contains(why, StringComparison.Ordinal));
    }

    [Fact]
    public void Reusable_workflow_call_without_permissions_means_no_edit()
    {
        var yaml = """
            on: push
            jobs:
              test:
                runs-on: x
                steps:
                  - run: pytest
              docs:
                uses: ./.github/workflows/docs.yml
            """;
        var findings = Run.Workflow(yaml, "excessive-permissions");
        Assert.All(findings, f => Assert.Null(f.Fix));
        Assert.Contains(findings, f => f.Message.Contains("reusable workflow", StringComparison.Ordinal));
    }

    [Fact]
    public void Token_use_reads_scopes_from_commands_and_actions()
    {
        var yaml = """
            on: push
            jobs:
              j:
                runs-on: x
                steps:
                  - uses: actions/checkout@v4
                  - run: |
                      gh pr view "$PR" --json title
                      gh issue comment "$ISSUE" --body done
                      git tag v1 && git push origin v1
                  - uses: docker/login-action@v3
                    with:
                      registry: ghcr.io
                      password: ${{ secrets.GITHUB_TOKEN }}
            """;
        var target = new AuditTarget(Kingsnake.Workflows.Model.WorkflowFile.Parse(".github/workflows/x.yml", yaml));
        var job = (Kingsnake.Workflows.Model.NormalJob)target.Workflow!.Jobs[0];
        var use = TokenUse.Of(target, job, job.Steps);
        Assert.Null(use.Unknown);
        Assert.Equal(
            [("contents", "write"), ("issues", "write"), ("packages", "write"), ("pull-requests", "read")],
            use.Scopes.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => (s.Key, s.Value)));
        Assert.Equal("'gh pr view \"$PR\" --json title' runs gh", use.CredentialUser);
    }
}
