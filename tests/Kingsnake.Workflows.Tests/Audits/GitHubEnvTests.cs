using Kingsnake.Core.Findings;
using Kingsnake.Workflows.Audits;
using Kingsnake.Workflows.Tests.Support;

namespace Kingsnake.Workflows.Tests.Audits;

public sealed class GitHubEnvTests
{
    private const string Rule = "github-env";

    private static string Privileged(string run) => $$"""
        on: pull_request_target
        jobs:
          label:
            runs-on: ubuntu-latest
            steps:
              - run: |
                  {{run.Replace("\n", "\n              ", StringComparison.Ordinal)}}
        """;

    [Theory]
    [InlineData("echo \"BRANCH=${{ github.head_ref }}\" >> $GITHUB_ENV", "$GITHUB_ENV")]
    [InlineData("echo \"TITLE=$TITLE\" >> \"$GITHUB_ENV\"", "$GITHUB_ENV")]
    [InlineData("cat artifact/env.txt > ${GITHUB_ENV}", "${GITHUB_ENV}")]
    [InlineData("echo \"$PWD/bin\" | tee -a $GITHUB_PATH", "$GITHUB_PATH")]
    [InlineData("\"VERSION=$v\" | Out-File -FilePath $env:GITHUB_ENV -Append", "$env:GITHUB_ENV")]
    [InlineData("echo NAME=%NAME%>> %GITHUB_ENV%", "%GITHUB_ENV%")]
    [InlineData("Add-Content -Path $env:GITHUB_PATH -Value \"$pwd\\bin\"", "$env:GITHUB_PATH")]
    public void Writes_of_expanded_text_under_pull_request_target_are_reported(string run, string covered)
    {
        var yaml = Privileged(run);
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal((Severity.High, Confidence.Low), (finding.Severity, finding.Confidence));
        Assert.Equal(covered, Run.Covered(yaml, finding));
    }

    [Theory]
    [InlineData("echo \"FORCE_COLOR=1\" >> $GITHUB_ENV")]
    [InlineData("echo 'PIP_DISABLE_PIP_VERSION_CHECK=1' >> \"$GITHUB_ENV\"")]
    [InlineData("printf 'A=1\\n' | tee -a $GITHUB_ENV")]
    [InlineData("# echo \"X=$Y\" >> $GITHUB_ENV")]
    [InlineData("echo \"$GITHUB_ENV\"")] // reads the path, does not write
    [InlineData("echo \"v=$V\" >> $GITHUB_OUTPUT")]
    [InlineData("echo \"x=$X\" >> $GITHUB_ENVIRONMENT_FILE")]
    [InlineData("\"PYTHONUTF8=1\" | Out-File -FilePath $env:GITHUB_ENV -Append")]
    public void Literal_writes_reads_and_other_files_are_clean(string run) => Assert.Empty(Run.Workflow(Privileged(run), Rule));

    [Fact]
    public void Ordinary_triggers_are_clean()
    {
        var yaml = "on: pull_request\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: echo \"B=${{ github.head_ref }}\" >> $GITHUB_ENV\n";
        Assert.Empty(Run.Workflow(yaml, Rule));
    }

    [Fact]
    public void Composite_actions_are_always_checked()
    {
        var yaml = "name: a\nruns:\n  using: composite\n  steps:\n    - shell: bash\n      run: echo \"$INPUT_DIR\" >> $GITHUB_PATH\n";
        Assert.Single(Run.Action(yaml, Rule));
    }

    [Fact]
    public void Workflow_run_with_continuation_lines_and_suppression()
    {
        var yaml = """
            on:
              workflow_run:
                workflows: [CI]
                types: [completed]
            jobs:
              report:
                runs-on: ubuntu-latest
                steps:
                  - run: |
                      echo "PR=$(cat pr/number)" \
                        >> $GITHUB_ENV
                  - run: echo "SHA=$(cat sha)" >> $GITHUB_ENV # kingsnake: ignore[GHA014] validated below
            """;
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal(11, finding.Location.StartLine);
    }

    [Fact]
    public void Find_write_needs_a_reference_not_a_mention() =>
        Assert.Null(GitHubEnvAudit.FindWrite("echo see GITHUB_ENV docs > notes.txt"));
}
