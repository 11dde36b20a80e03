using Kingsnake.Core.Findings;
using Kingsnake.Workflows.Audits;
using Kingsnake.Workflows.Tests.Support;

namespace Kingsnake.Workflows.Tests.Audits;

public sealed class InsecureCommandsTests
{
    [Fact]
    public void Enabled_at_any_level_is_reported_disabled_is_not()
    {
        var yaml = """
            on: push
            env:
              ACTIONS_ALLOW_UNSECURE_COMMANDS: true
            jobs:
              j:
                runs-on: x
                env:
                  ACTIONS_ALLOW_UNSECURE_COMMANDS: "false"
                steps:
                  - run: echo "::set-env name=A::b"
                    env:
                      ACTIONS_ALLOW_UNSECURE_COMMANDS: 1
            """;
        var findings = Run.Workflow(yaml, "insecure-commands");
        Assert.Equal([3, 12], findings.Select(f => f.Location.StartLine));
        Assert.All(findings, f => Assert.Equal(Severity.High, f.Severity));
    }
}

public sealed class HardcodedContainerCredentialsTests
{
    [Fact]
    public void Literal_password_is_reported_without_leaking_it()
    {
        var yaml = """
            on: push
            jobs:
              j:
                runs-on: x
                container:
                  image: ghcr.io/org/img:1
                  credentials:
                    username: bot
                    password: hunter2
                services:
                  db:
                    image: ghcr.io/org/db:1
                    credentials:
                      username: bot
                      password: ${{ secrets.DB_PULL }}
            """;
        var finding = Assert.Single(Run.Workflow(yaml, "hardcoded-container-credentials"));
        Assert.Equal(9, finding.Location.StartLine);
        Assert.DoesNotContain("hunter2", finding.Message);
        Assert.DoesNotContain("hunter2", finding.FingerprintSource);
    }
}

public sealed class SecretsInheritTests
{
    [Fact]
    public void Inherit_is_reported_named_secrets_are_not()
    {
        var yaml = """
            on: push
            jobs:
              a:
                uses: org/wf/.github/workflows/a.yml@v1
                secrets: inherit
              b:
                uses: org/wf/.github/workflows/b.yml@v1
                secrets:
                  TOKEN: ${{ secrets.TOKEN }}
            """;
        var finding = Assert.Single(Run.Workflow(yaml, "secrets-inherit"));
        Assert.Equal((5, 5, 5, 21), (finding.Location.StartLine, finding.Location.StartColumn, finding.Location.EndLine, finding.Location.EndColumn));
        Assert.Equal(Severity.Medium, finding.Severity);
    }
}

public sealed class OverprovisionedSecretsTests
{
    [Fact]
    public void Whole_secrets_and_computed_names_are_reported()
    {
        var yaml = """
            on: push
            jobs:
              j:
                runs-on: x
                steps:
                  - run: echo "$ALL" | jq .
                    env:
                      ALL: ${{ toJSON(secrets) }}
                  - run: deploy
                    env:
                      TOKEN: ${{ secrets[format('{0}_TOKEN', inputs.env)] }}
                  - run: ok
                    env:
                      ONE: ${{ secrets.ONE }}
                    if: secrets.ONE != ''
            """;
        var findings = Run.Workflow(yaml, "overprovisioned-secrets");
        Assert.Equal([8, 11], findings.Select(f => f.Location.StartLine));
        Assert.Equal("${{ toJSON(secrets) }}", Run.Covered(yaml, findings[0]));
    }
}

public sealed class BotConditionsTests
{
    private const string Rule = "bot-conditions";

    [Fact]
    public void Dominating_actor_check_is_high_confidence_with_a_fix()
    {
        var yaml = """
            on: pull_request_target
            jobs:
              automerge:
                runs-on: ubuntu-latest
                if: github.actor == 'dependabot[bot]'
                steps:
                  - run: gh pr merge --auto "$PR"
            """;
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal((Severity.High, Confidence.High), (finding.Severity, finding.Confidence));
        Assert.Equal("github.actor == 'dependabot[bot]'", Run.Covered(yaml, finding));
        var edit = Assert.Single(finding.Fix!.Edits);
        Assert.Equal("github.event.pull_request.user.login", edit.NewText);
        Assert.Equal((5, 9, 5, 21), (edit.Span.StartLine, edit.Span.StartColumn, edit.Span.EndLine, edit.Span.EndColumn));
    }

    [Fact]
    public void Partial_check_is_medium_and_negations_are_clean()
    {
        var yaml = """
            on: [pull_request, issue_comment]
            jobs:
              a:
                runs-on: x
                if: ${{ github.event_name == 'pull_request' && github.triggering_actor == 'renovate[bot]' }}
              b:
                runs-on: x
                if: github.actor != 'dependabot[bot]'
              c:
                runs-on: x
                if: github.event.pull_request.user.login == 'dependabot[bot]'
                steps:
                  - run: echo
                    if: github.actor_id == 49699333
            """;
        var findings = Run.Workflow(yaml, Rule);
        Assert.Equal([(5, Confidence.Medium), (14, Confidence.High)], findings.Select(f => (f.Location.StartLine, f.Confidence)));
        Assert.All(findings, f => Assert.Null(f.Fix)); // issue_comment has no pull_request author to compare
    }

    [Theory]
    [InlineData("github.event.sender.login == 'dependabot[bot]'", "github.event.pull_request.user.login")]
    [InlineData("${{ 'renovate[bot]' == github.actor }}", "github.event.pull_request.user.login")] // the literal on the left
    [InlineData("github.event.sender.id == 41898282", "github.event.pull_request.user.id")] // github-actions[bot]'s id
    [InlineData("endsWith(github.triggering_actor, '[bot]')", "github.event.pull_request.user.login")]
    [InlineData("contains(github.actor, '[bot]') || contains(github.event.pull_request.labels.*.name, 'safe')", "github.event.pull_request.user.login")]
    public void Every_spoofable_context_and_comparison_form_is_reported_with_the_author_fix(string condition, string replacement)
    {
        var yaml = $"""
            on:
              pull_request_target:
                types: [opened, synchronize]
            jobs:
              approve:
                runs-on: ubuntu-latest
                if: {condition}
                steps:
                  - run: gh pr review --approve "$PR_URL"
            """;
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal(Confidence.High, finding.Confidence); // each is enough alone to make the job run
        Assert.Equal(replacement, Assert.Single(finding.Fix!.Edits).NewText);
    }

    [Theory]
    [InlineData("github.actor == 'octocat'")] // a person, not a bot
    [InlineData("!(github.actor == 'dependabot[bot]')")]
    [InlineData("github.event.pull_request.user.login == 'dependabot[bot]'")]
    [InlineData("github.repository_owner == 'pypa'")]
    public void Non_bot_negated_and_author_checks_are_clean(string condition) =>
        Assert.Empty(Run.Workflow($"on: pull_request_target\njobs:\n  a:\n    runs-on: x\n    if: {condition}\n    steps:\n      - run: echo\n", Rule));

    [Fact]
    public void Push_only_workflows_are_not_reported()
    {
        Assert.Empty(Run.Workflow("on: push\njobs:\n  a:\n    runs-on: x\n    if: github.actor == 'dependabot[bot]'\n", Rule));
    }
}

public sealed class UnsoundConditionTests
{
    private const string Rule = "unsound-condition";

    [Fact]
    public void Block_scalar_condition_is_always_true_and_fixed_with_strip_chomping()
    {
        var yaml = """
            on: push
            jobs:
              deploy:
                runs-on: x
                if: |
                  ${{ github.ref == 'refs/heads/main' }}
            """ + "\n"; // files end with a newline, which the clip-chomped block keeps
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal(5, finding.Location.StartLine);
        var edit = Assert.Single(finding.Fix!.Edits);
        Assert.Equal(("|-", 5, 9), (edit.NewText, edit.Span.StartLine, edit.Span.StartColumn));
    }

    [Theory]
    [InlineData("if: ${{ github.ref == 'refs/heads/main' }}")]
    [InlineData("if: github.ref == 'refs/heads/main'")]
    [InlineData("if: |-\n      ${{ github.ref == 'refs/heads/main' }}")]
    [InlineData("if: >-\n      ${{ success() }}")]
    public void Sound_conditions_are_clean(string condition)
    {
        var yaml = $"on: push\njobs:\n  d:\n    runs-on: x\n    {condition}\n";
        Assert.Empty(Run.Workflow(yaml, Rule));
    }

    [Fact]
    public void Text_around_the_fence_is_always_true()
    {
        var yaml = "on: push\njobs:\n  d:\n    runs-on: x\n    steps:\n      - run: x\n        if: ${{ success() }} && ${{ github.ref == 'refs/heads/main' }}\n";
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Null(finding.Fix);
        Assert.Equal(new WorkflowFindingData(Persona.Regular), finding.Data);
    }
}
