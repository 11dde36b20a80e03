using Kingsnake.Workflows.Tests.Support;

namespace Kingsnake.Workflows.Tests.Audits;

public sealed class TemplateInjectionFixTests
{
    private const string Rule = "template-injection";

    private static string FixAll(string yaml)
    {
        var findings = Run.Workflow(yaml, Rule);
        Assert.NotEmpty(findings);
        var fixedText = Edits.Apply(yaml, findings.SelectMany(f => Assert.IsType<Kingsnake.Core.Findings.Fix>(f.Fix).Edits));
        Assert.Empty(Run.Workflow(fixedText, Rule));
        return fixedText;
    }

    [Fact]
    public void Adds_an_env_block_and_references_the_variable()
    {
        var yaml = """
            on: issues
            jobs:
              triage:
                runs-on: ubuntu-latest
                steps:
                  - name: Greet
                    run: |
                      echo "Title: ${{ github.event.issue.title }}"
                  - run: echo done
            """ + "\n";
        var expected = """
            on: issues
            jobs:
              triage:
                runs-on: ubuntu-latest
                steps:
                  - name: Greet
                    run: |
                      echo "Title: ${ISSUE_TITLE}"
                    env:
                      ISSUE_TITLE: ${{ github.event.issue.title }}
                  - run: echo done
            """ + "\n";
        Assert.Equal(expected, FixAll(yaml));
    }

    [Fact]
    public void Extends_an_existing_env_block_and_reuses_runner_defaults()
    {
        var yaml = """
            on: pull_request_target
            jobs:
              j:
                runs-on: ubuntu-latest
                steps:
                  - run: echo "${{ github.head_ref }}" "${{ github.event.pull_request.title }}"
                    env:
                      OTHER: x  # keep this comment
            """ + "\n";
        var expected = """
            on: pull_request_target
            jobs:
              j:
                runs-on: ubuntu-latest
                steps:
                  - run: echo "${GITHUB_HEAD_REF}" "${PULL_REQUEST_TITLE}"
                    env:
                      OTHER: x  # keep this comment
                      PULL_REQUEST_TITLE: ${{ github.event.pull_request.title }}
            """ + "\n";
        Assert.Equal(expected, FixAll(yaml));
    }

    [Fact]
    public void Pwsh_gets_env_syntax()
    {
        var yaml = "on: issues\njobs:\n  j:\n    runs-on: windows-latest\n    steps:\n      - run: Write-Host \"${{ github.event.issue.body }}\"\n        shell: pwsh\n";
        Assert.Contains("Write-Host \"$env:ISSUE_BODY\"", FixAll(yaml), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("on: issues\njobs:\n  j:\n    runs-on: ${{ matrix.os }}\n    steps:\n      - run: echo ${{ github.event.issue.body }}\n")]
    [InlineData("on: issues\njobs:\n  j:\n    runs-on: x\n    steps:\n      - run: echo ${{ github.event.issue.body || 'none' }}\n")]
    [InlineData("on: issues\njobs:\n  j:\n    runs-on: x\n    steps:\n      - run: print('${{ github.event.issue.body }}')\n        shell: python\n")]
    [InlineData("on: issues\njobs:\n  j:\n    runs-on: x\n    steps:\n      - run: echo ${{ github.event.issue.body }}\n        env: {A: b}\n")]
    public void No_fix_when_it_cannot_be_made_mechanically(string yaml)
    {
        Assert.Null(Assert.Single(Run.Workflow(yaml, Rule)).Fix);
    }
}
