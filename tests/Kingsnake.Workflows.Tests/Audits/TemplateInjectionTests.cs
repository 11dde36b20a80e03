using Kingsnake.Core.Findings;
using Kingsnake.Workflows.Audits;
using Kingsnake.Workflows.Tests.Support;

namespace Kingsnake.Workflows.Tests.Audits;

public sealed class TemplateInjectionTests
{
    private const string Rule = "template-injection";

    private const string IssueTriage = """
        name: Triage
        on:
          issues:
            types: [opened]
        permissions:
          issues: write
        jobs:
          triage:
            runs-on: ubuntu-latest
            steps:
              - name: Greet
                run: |
                  echo "Thanks for opening this issue!"
                  echo "Title: ${{ github.event.issue.title }}"
                  gh issue edit ${{ github.event.issue.number }} --add-label triage
        """;

    [Fact]
    public void Issue_title_in_run_is_high_with_the_exact_span()
    {
        var finding = Assert.Single(Run.Workflow(IssueTriage, Rule));
        Assert.Equal((Severity.High, Confidence.High), (finding.Severity, finding.Confidence));
        Assert.Equal(14, finding.Location.StartLine);
        Assert.Equal("${{ github.event.issue.title }}", Run.Covered(IssueTriage, finding));
        Assert.Contains("github.event.issue.title", finding.Message);
        Assert.Equal("GHA001", finding.Rule.Id);
    }

    [Fact]
    public void Github_script_code_input_is_a_sink()
    {
        var yaml = """
            on: issue_comment
            jobs:
              bot:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/github-script@v7
                    with:
                      script: |
                        const body = `${{ github.event.comment.body }}`
                        console.log(body)
            """;
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal("${{ github.event.comment.body }}", Run.Covered(yaml, finding));
    }

    [Theory]
    [InlineData("${{ github.event.pull_request.head.ref }}", Severity.High)]
    [InlineData("${{ github.head_ref }}", Severity.High)]
    [InlineData("${{ github.event.commits[0].message }}", Severity.High)]
    [InlineData("${{ join(github.event.commits.*.message, ' ') }}", Severity.High)]
    [InlineData("${{ github.event.pull_request.title || 'none' }}", Severity.High)]
    [InlineData("${{ github['event']['pull_request']['body'] }}", Severity.High)]
    [InlineData("${{ github.event.head_commit.author.email }}", Severity.Medium)]
    [InlineData("${{ steps.meta.outputs.tags }}", Severity.Info)]
    public void Attacker_contexts_under_pull_request_target(string expression, Severity severity)
    {
        var yaml = $$"""
            on: pull_request_target
            jobs:
              j:
                runs-on: ubuntu-latest
                steps:
                  - run: echo "{{expression}}"
            """;
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal(severity, finding.Severity);
        Assert.Equal(expression, Run.Covered(yaml, finding));
    }

    [Theory]
    [InlineData("${{ github.event.pull_request.head.sha }}")]
    [InlineData("${{ github.sha }}")]
    [InlineData("${{ github.event.issue.number }}")]
    [InlineData("${{ github.run_id }}")]
    [InlineData("${{ github.repository }}")]
    [InlineData("${{ secrets.PYPI_TOKEN }}")]
    [InlineData("${{ runner.os }}")]
    [InlineData("${{ contains(github.event.issue.body, 'lgtm') }}")]
    [InlineData("${{ github.event.issue.title == 'x' }}")]
    [InlineData("${{ steps.tests.outcome }}")]
    [InlineData("${{ needs.build.result }}")]
    [InlineData("${{ matrix.python-version }}")]
    [InlineData("${{ inputs.dry-run && '--dry-run' || '' }}")]
    [InlineData("${{ env.LITERAL }}")]
    public void Safe_values_stay_clean(string expression)
    {
        var yaml = $$"""
            on:
              issues:
              workflow_dispatch:
                inputs:
                  dry-run:
                    type: boolean
            env:
              LITERAL: fixed-value
            jobs:
              j:
                runs-on: ubuntu-latest
                strategy:
                  matrix:
                    python-version: ["3.11", "3.12"]
                steps:
                  - run: echo "{{expression}}"
            """;
        Assert.Empty(Run.Workflow(yaml, Rule));
    }

    [Fact]
    public void Expressions_in_env_and_if_are_not_sinks()
    {
        var yaml = """
            on: issues
            jobs:
              j:
                runs-on: ubuntu-latest
                if: ${{ github.event.issue.title != '' }}
                steps:
                  - run: echo "$TITLE"
                    env:
                      TITLE: ${{ github.event.issue.title }}
                  - uses: some/action@v1
                    with:
                      title: ${{ github.event.issue.title }}
            """;
        Assert.Empty(Run.Workflow(yaml, Rule));
    }

    [Fact]
    public void Env_reference_is_followed_to_its_attacker_controlled_source()
    {
        var yaml = """
            on: pull_request_target
            jobs:
              j:
                runs-on: ubuntu-latest
                env:
                  BRANCH: ${{ github.head_ref }}
                steps:
                  - run: git push origin "${{ env.BRANCH }}"
            """;
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains("github.head_ref", finding.Message);
    }

    [Fact]
    public void Inputs_are_graded_by_their_declared_type()
    {
        var yaml = """
            on:
              workflow_call:
                inputs:
                  version:
                    type: string
                  publish:
                    type: boolean
            jobs:
              j:
                runs-on: ubuntu-latest
                steps:
                  - run: echo ${{ inputs.version }} ${{ inputs.publish }} ${{ inputs.undeclared }}
            """;
        var findings = Run.Workflow(yaml, Rule);
        Assert.Equal(2, findings.Count);
        Assert.Equal((Severity.High, Confidence.High), (findings[0].Severity, findings[0].Confidence));
        Assert.Contains("inputs.version", findings[0].Message);
        Assert.Equal((Severity.Low, Confidence.Low), (findings[1].Severity, findings[1].Confidence));
        Assert.Contains("inputs.undeclared", findings[1].Message);

        var pedantic = Run.Workflow(yaml, Rule, Persona.Pedantic);
        Assert.Contains(pedantic, f => f.Message.Contains("inputs.publish", StringComparison.Ordinal));
    }

    [Fact]
    public void Writer_only_triggers_are_graded_one_step_lower()
    {
        var yaml = """
            on:
              push:
                branches: [main]
            jobs:
              j:
                runs-on: ubuntu-latest
                steps:
                  - run: echo "${{ github.event.head_commit.message }}"
            """;
        Assert.Equal(Severity.Medium, Assert.Single(Run.Workflow(yaml, Rule)).Severity);
    }

    [Fact]
    public void Matrix_built_from_an_expression_is_medium()
    {
        var yaml = """
            on: pull_request
            jobs:
              j:
                runs-on: ubuntu-latest
                strategy:
                  matrix:
                    target: ${{ fromJSON(needs.plan.outputs.targets) }}
                steps:
                  - run: make ${{ matrix.target }}
            """;
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal((Severity.Medium, Confidence.Medium), (finding.Severity, finding.Confidence));
    }

    [Fact]
    public void Composite_action_inputs_are_attacker_text()
    {
        var yaml = """
            name: Comment
            runs:
              using: composite
              steps:
                - run: echo "${{ inputs.message }}"
                  shell: bash
            """;
        var finding = Assert.Single(Run.Action(yaml, Rule));
        Assert.Equal(Severity.High, finding.Severity);
    }

    [Fact]
    public void Pedantic_persona_flags_every_expression_in_code()
    {
        var yaml = """
            on: push
            jobs:
              j:
                runs-on: ubuntu-latest
                steps:
                  - run: echo "${{ github.sha }}"
            """;
        Assert.Empty(Run.Workflow(yaml, Rule));
        Assert.Equal(Severity.Low, Assert.Single(Run.Workflow(yaml, Rule, Persona.Pedantic)).Severity);
    }

    [Theory]
    [InlineData("# zizmor: ignore[template-injection]")]
    [InlineData("# kingsnake: ignore[GHA001] triaged")]
    [InlineData("# zizmor: ignore[artipacked,template-injection] reason")]
    public void Ignore_comments_on_the_step_suppress(string comment)
    {
        var yaml = $$$"""
            on: issues
            jobs:
              j:
                runs-on: ubuntu-latest
                steps:
                  - run: echo "${{ github.event.issue.title }}"  {{{comment}}}
            """;
        Assert.Empty(Run.Workflow(yaml, Rule));
    }

    [Fact]
    public void Ignore_text_inside_the_script_is_not_a_comment()
    {
        var yaml = """
            on: issues
            jobs:
              j:
                runs-on: ubuntu-latest
                steps:
                  - run: |
                      echo "${{ github.event.issue.title }}" # zizmor: ignore[template-injection]
            """;
        Assert.Single(Run.Workflow(yaml, Rule));
    }

    [Fact]
    public void Ignore_for_another_rule_does_not_suppress()
    {
        var yaml = """
            on: issues
            jobs:
              j:
                runs-on: ubuntu-latest
                steps:
                  - run: echo "${{ github.event.issue.title }}"  # zizmor: ignore[artipacked]
            """;
        Assert.Single(Run.Workflow(yaml, Rule));
    }

    [Fact]
    public void Malformed_expression_is_skipped_not_a_crash()
    {
        var yaml = """
            on: issues
            jobs:
              j:
                runs-on: ubuntu-latest
                steps:
                  - run: echo "${{ github.event.issue.title == }}" "${{ github.event.issue.body }}"
            """;
        Assert.Contains("issue.body", Assert.Single(Run.Workflow(yaml, Rule)).Message);
    }
}
