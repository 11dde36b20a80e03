using Kingsnake.Core.Findings;
using Kingsnake.Core.Shell;
using Kingsnake.Workflows.Audits;
using Kingsnake.Workflows.Shell;
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

    [Theory]
    [InlineData("echo see GITHUB_ENV docs > notes.txt")]
    [InlineData("echo \"$X\" >> \"$GITHUB_ENV.bak\"")] // another file
    [InlineData("cp \"$GITHUB_ENV\" saved-env")] // reads it
    [InlineData("echo '>> $GITHUB_ENV' \"$X\"")] // the redirection is text inside quotes
    [InlineData("echo \"A=$X\" # >> $GITHUB_ENV")] // commented out
    [InlineData("cat <<EOF > notes.md\necho \"$X\" >> $GITHUB_ENV\nEOF")] // heredoc body is data
    public void Mentions_reads_quoted_and_commented_text_are_no_writes(string script) =>
        Assert.Empty(GitHubEnvAudit.FindWrites(script, ShellDialect.Posix));

    [Theory]
    [InlineData("echo \"A=$X\" >>\"$GITHUB_ENV\"", "$GITHUB_ENV")]
    [InlineData("echo \"A=$X\" >>$GITHUB_ENV", "$GITHUB_ENV")]
    [InlineData("echo \"A=$X\" 1>> \"${GITHUB_ENV}\"", "${GITHUB_ENV}")]
    [InlineData("{\n  echo \"A=$X\"\n  echo B=1\n} >> \"$GITHUB_ENV\"", "$GITHUB_ENV")]
    [InlineData("echo \"A=$(cat pr.txt)\" \\\n  | tee -a \"$GITHUB_PATH\" > /dev/null", "$GITHUB_PATH")]
    [InlineData("cat <<EOF >> $GITHUB_ENV\nA=$X\nEOF", "$GITHUB_ENV")]
    [InlineData("if [ -n \"$X\" ]; then echo \"A=$X\" >> $GITHUB_ENV; fi", "$GITHUB_ENV")]
    [InlineData("echo 'A='\"$X\" >> $GITHUB_ENV", "$GITHUB_ENV")] // partly quoted, partly expanded
    public void Bash_writes_are_found_through_quoting_continuations_and_compound_commands(string script, string covered)
    {
        var write = Assert.Single(GitHubEnvAudit.FindWrites(script, ShellDialect.Posix));
        Assert.Equal(covered, script.Substring(write.At, write.Length));
    }

    [Theory]
    [InlineData("\"A=$x\" | Out-File -FilePath $env:GITHUB_ENV -Encoding utf8 -Append", true)]
    [InlineData("Add-Content $env:GITHUB_PATH \"$pwd\\bin\"", true)]
    [InlineData("Write-Output \"A=$x\" `\n  | Out-File -Append -FilePath ${env:GITHUB_ENV}", true)]
    [InlineData("echo \"A=$x\" >> $env:GITHUB_ENV", true)]
    [InlineData("Add-Content -Path $env:GITHUB_ENV -Value 'A=1'", false)] // literal value
    [InlineData("'A=1' | Out-File -FilePath $env:GITHUB_ENV -Append", false)]
    [InlineData("<# \"A=$x\" | Out-File $env:GITHUB_ENV #>\nWrite-Host $env:GITHUB_ENV", false)] // block comment; a read
    [InlineData("Get-Content $env:GITHUB_ENV", false)]
    public void PowerShell_writes(string script, bool expected) =>
        Assert.Equal(expected, GitHubEnvAudit.FindWrites(script, ShellDialect.PowerShell).Any());

    [Theory]
    [InlineData("echo A=%X%>> %GITHUB_ENV%", true)]
    [InlineData("echo A=1>> \"%GITHUB_ENV%\"", false)]
    [InlineData("rem echo A=%X%>> %GITHUB_ENV%", false)]
    [InlineData(":: echo A=%X%>> %GITHUB_ENV%", false)]
    [InlineData("type %GITHUB_ENV%", false)]
    public void Cmd_writes(string script, bool expected) =>
        Assert.Equal(expected, GitHubEnvAudit.FindWrites(script, ShellDialect.Cmd).Any());

    [Fact]
    public void Step_shell_chooses_the_dialect()
    {
        // under bash a backtick is command substitution, under pwsh a continuation: the same text differs
        var yaml = "on: pull_request_target\njobs:\n  t:\n    runs-on: windows-latest\n    steps:\n      - shell: pwsh\n        run: |\n          Write-Output \"A=$x\" `\n            | Out-File -Append $env:GITHUB_ENV\n";
        Assert.Single(Run.Workflow(yaml, Rule));
    }
}

public sealed class ShellScriptTests
{
    [Fact]
    public void Words_keep_expansions_and_know_what_was_quoted()
    {
        var command = Assert.Single(ShellScript.Parse("FOO=1 sudo -u ci env BAR=\"$X\" pip install 'a b' c\\ d \"${Y:-z}\" $(date) 2>&1", ShellDialect.Posix));
        Assert.Equal(["pip", "install", "a b", "c d", "${Y:-z}", "$(date)"], command.Program.Select(w => w.Text));
        Assert.Equal([false, false, false, false, true, true], command.Program.Select(w => w.Expands));
        var redirect = Assert.Single(command.Redirects);
        Assert.Equal((">&", "1", false), (redirect.Operator, redirect.Target.Text, redirect.WritesFile));
    }

    [Fact]
    public void Pipes_link_commands_and_separators_split_them()
    {
        var commands = ShellScript.Parse("a | b && c; d || e & f\ng", ShellDialect.Posix);
        Assert.Equal(["a", "b", "c", "d", "e", "f", "g"], commands.Select(c => c.Words[0].Text));
        Assert.Same(commands[0], commands[1].Upstream);
        Assert.All(commands.Where(c => c.Words[0].Text != "b"), c => Assert.Null(c.Upstream));
    }

    [Theory]
    [InlineData("echo \"$(((((((")]
    [InlineData("cat <<A <<B <<C\n")]
    [InlineData("'unterminated")]
    [InlineData("`")]
    [InlineData("\\")]
    [InlineData("%%%%%")]
    public void Hostile_scripts_end(string seed)
    {
        var script = string.Concat(Enumerable.Repeat(seed, 20_000));
        foreach (var dialect in Enum.GetValues<ShellDialect>())
        {
            _ = ShellScript.Parse(script, dialect); // linear: each construct scans forward only
        }
    }
}
