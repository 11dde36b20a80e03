using System.Diagnostics;
using Kingsnake.Core.Findings;
using Kingsnake.Workflows.Audits;
using Kingsnake.Workflows.Tests.Support;

namespace Kingsnake.Workflows.Tests.Audits;

/// <summary>
/// The template-injection fix follows the shell's quoting: the fixed script must do what the original did, so a
/// <c>${{ }}</c> where the shell expands nothing (single quotes, a quoted heredoc) is left alone and reported with
/// the reason. Each case checks the exact fixed text and re-audits the result.
/// </summary>
public sealed class TemplateInjectionQuotingTests
{
    private const string Rule = "template-injection";
    private const string Title = "${{ github.event.issue.title }}";

    /// <summary>An issues workflow whose only step runs <paramref name="script"/> (a literal block) on <paramref name="runsOn"/>.</summary>
    private static string Workflow(string script, string runsOn = "ubuntu-latest", string? shell = null)
    {
        var body = string.Concat(script.Split('\n').Select(line => line.Length == 0 ? "\n" : $"          {line}\n"));
        return $"on: issues\njobs:\n  j:\n    runs-on: {runsOn}\n    steps:\n      - name: Step\n        run: |\n{body}"
            + (shell is null ? "" : $"        shell: {shell}\n");
    }

    private static string Fixed(string script, string env) => $"{script}        env:\n{env}";

    /// <summary>Applies every offered fix; returns the fixed text and the findings the re-audit of it still reports.</summary>
    private static (string Text, IReadOnlyList<Finding> Left) ApplyFixes(string yaml, Persona persona = Persona.Regular)
    {
        var findings = Run.Workflow(yaml, Rule, persona);
        Assert.NotEmpty(findings);
        var text = Edits.Apply(yaml, findings.Where(f => f.Fix is not null).SelectMany(f => f.Fix!.Edits));
        return (text, Run.Workflow(text, Rule, persona));
    }

    private static void AssertFixed(string script, string expectedScript, string env = "          ISSUE_TITLE: ${{ github.event.issue.title }}\n", string runsOn = "ubuntu-latest", string? shell = null)
    {
        var (text, left) = ApplyFixes(Workflow(script, runsOn, shell));
        var expected = Workflow(expectedScript, runsOn, shell);
        Assert.Equal(env.Length == 0 ? expected : Fixed(expected, env), text);
        Assert.Empty(left);
    }

    /// <summary>No fix is offered, the message says why, and the same expression is still reported after the other fixes.</summary>
    private static void AssertSkipped(string script, string reason, string runsOn = "ubuntu-latest", string? shell = null)
    {
        var yaml = Workflow(script, runsOn, shell);
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Null(finding.Fix);
        Assert.Contains("no automatic fix: " + reason, finding.Message, StringComparison.Ordinal);
        var (text, left) = ApplyFixes(yaml);
        Assert.Equal(yaml, text);
        Assert.Equal(finding.Fingerprint, Assert.Single(left).Fingerprint);
    }

    [Fact]
    public void Bash_unquoted_becomes_a_quoted_variable() =>
        AssertFixed($"echo {Title}\n", "echo \"${ISSUE_TITLE}\"\n");

    [Fact]
    public void Bash_unquoted_part_of_a_word_is_quoted_in_place() =>
        AssertFixed($"TITLE={Title}\ntouch notes/{Title}.txt\n", "TITLE=\"${ISSUE_TITLE}\"\ntouch notes/\"${ISSUE_TITLE}\".txt\n");

    [Fact]
    public void Bash_double_quoted_becomes_a_braced_variable() =>
        AssertFixed($"echo \"Title: {Title}!\"\n", "echo \"Title: ${ISSUE_TITLE}!\"\n");

    [Fact]
    public void Bash_command_substitution_inside_double_quotes_is_a_command_level_of_its_own() =>
        AssertFixed($"echo \"len: $(printf %s {Title} | wc -c) {Title}\"\n", "echo \"len: $(printf %s \"${ISSUE_TITLE}\" | wc -c) ${ISSUE_TITLE}\"\n");

    [Fact]
    public void Bash_unquoted_heredoc_gets_a_bare_variable() =>
        AssertFixed(
            $"cat <<EOF >> \"$GITHUB_STEP_SUMMARY\"\n## {Title}\nquoted \"{Title}\" and 'x'\nEOF\necho done\n",
            "cat <<EOF >> \"$GITHUB_STEP_SUMMARY\"\n## ${ISSUE_TITLE}\nquoted \"${ISSUE_TITLE}\" and 'x'\nEOF\necho done\n");

    [Fact]
    public void Bash_comment_gets_a_bare_variable() =>
        AssertFixed($"# for {Title}\necho ok\n", "# for ${ISSUE_TITLE}\necho ok\n");

    [Fact]
    public void Bash_single_quoted_is_not_rewritten() =>
        AssertSkipped($"echo 'x={Title}'\n", "it sits inside single quotes");

    [Fact]
    public void Bash_single_quote_inside_double_quotes_is_just_a_character() =>
        AssertFixed($"echo \"it's {Title}\"\n", "echo \"it's ${ISSUE_TITLE}\"\n");

    [Fact]
    public void Bash_quoted_heredoc_is_not_rewritten()
    {
        AssertSkipped($"cat <<'EOF' > notes.md\n{Title}\nEOF\n", "it sits in a quoted heredoc");
        AssertSkipped($"cat <<-\"EOF\" > notes.md\n\t{Title}\n\tEOF\n", "it sits in a quoted heredoc");
        AssertSkipped($"cat <<\\EOF > notes.md\n{Title}\nEOF\n", "it sits in a quoted heredoc");
    }

    [Fact]
    public void After_a_heredoc_the_script_is_read_at_command_level_again() =>
        AssertFixed($"cat <<'EOF'\nit's\nEOF\necho {Title}\n", "cat <<'EOF'\nit's\nEOF\necho \"${ISSUE_TITLE}\"\n");

    [Theory]
    [InlineData("python -c \"print('{0}')\"\n", "python")]
    [InlineData("bash -c \"echo {0}\"\n", "bash")]
    [InlineData("sh -ec \"echo {0}\"\n", "sh")]
    [InlineData("python3.12 -c \"print('{0}')\"\n", "python3.12")]
    [InlineData("eval \"echo {0}\"\n", "eval")]
    [InlineData("jq \".title == \\\"{0}\\\"\" event.json\n", "jq")]
    [InlineData("python3 <<EOF\nprint(\"{0}\")\nEOF\n", "python3")]
    public void Bash_expansion_into_code_another_program_runs_is_not_rewritten(string template, string program) =>
        AssertSkipped(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, Title), $"the shell would expand the variable into code that {program} runs");

    [Theory]
    [InlineData("echo `echo {0}`\n")]
    [InlineData("echo ${{X:-{0}}}\n")]
    [InlineData("echo $'{0}'\n")]
    [InlineData("echo \\{0}\n")]
    [InlineData("echo \"{0}\n")]
    [InlineData("cat <<EOF\n{0}\n")]
    public void Bash_quoting_this_scan_does_not_model_gets_no_fix(string template) =>
        AssertSkipped(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, Title), "its place in the script's quoting");

    [Fact]
    public void Hostile_nesting_gets_no_fix_and_no_crash()
    {
        // 20 000 unclosed command substitutions and quotes: one linear pass, the fence's quoting is unknowable
        var deep = string.Concat(Enumerable.Repeat("\"$(", 20_000));
        AssertSkipped($"echo {deep}{Title}\n", "its place in the script's quoting");
        AssertSkipped($"echo {deep}{Title}\n", "its place in the script's quoting", shell: "pwsh");
    }

    [Fact]
    public void Pyenv_like_env_variable_in_single_quotes_stays_and_others_use_the_variable_directly()
    {
        // an env var fed from the PR title, then used quoted three ways: the single-quoted one is kept as it was
        var yaml = """
            on: pull_request_target
            env:
              PR_TITLE: ${{ github.event.pull_request.title }}
            jobs:
              j:
                runs-on: ubuntu-latest
                steps:
                  - run: |
                      echo "title=${{ env.PR_TITLE }}" >> "$GITHUB_OUTPUT"
                      echo 'raw=${{ env.PR_TITLE }}'
                      echo ${{ env.PR_TITLE }}
            """ + "\n";
        var (text, left) = ApplyFixes(yaml);
        Assert.Equal(
            yaml.Replace("echo \"title=${{ env.PR_TITLE }}\"", "echo \"title=${PR_TITLE}\"", StringComparison.Ordinal)
                .Replace("echo ${{ env.PR_TITLE }}", "echo \"${PR_TITLE}\"", StringComparison.Ordinal),
            text);
        var kept = Assert.Single(left);
        Assert.Equal("${{ env.PR_TITLE }}", Run.Covered(text, kept));
        Assert.Equal(10, kept.Location.StartLine);
        Assert.Contains("single quotes", kept.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Env_variable_spelled_differently_from_its_block_key_gets_a_new_variable()
    {
        // ${{ env.pr_title }} finds PR_TITLE (the env context ignores case) but $pr_title would be empty on Linux
        var yaml = "on: pull_request_target\nenv:\n  PR_TITLE: ${{ github.event.pull_request.title }}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"${{ env.pr_title }}\"\n";
        var (text, left) = ApplyFixes(yaml);
        Assert.Equal(yaml.Replace("echo \"${{ env.pr_title }}\"\n", "echo \"${ENV_PR_TITLE}\"\n        env:\n          ENV_PR_TITLE: ${{ env.pr_title }}\n", StringComparison.Ordinal), text);
        Assert.Empty(left);
    }

    [Fact]
    public void Pwsh_is_the_windows_default_and_gets_env_syntax()
    {
        AssertFixed($"Write-Host {Title}\n", "Write-Host $env:ISSUE_TITLE\n", runsOn: "windows-latest");
        AssertFixed($"Write-Host \"Title: {Title}\"\n", "Write-Host \"Title: $env:ISSUE_TITLE\"\n", runsOn: "windows-latest");
        AssertFixed($"$t = \"{Title}\"\n", "$t = \"$env:ISSUE_TITLE\"\n", runsOn: "ubuntu-latest", shell: "pwsh");
    }

    [Fact]
    public void Pwsh_name_glued_to_name_characters_gets_braces() =>
        AssertFixed($"Write-Host \"{Title}_suffix and {Title}:\"\n", "Write-Host \"${env:ISSUE_TITLE}_suffix and ${env:ISSUE_TITLE}:\"\n", shell: "pwsh");

    [Fact]
    public void Pwsh_here_strings_follow_their_quotes()
    {
        AssertFixed($"$body = @\"\n{Title}\n\"@\n", "$body = @\"\n$env:ISSUE_TITLE\n\"@\n", shell: "pwsh");
        AssertSkipped($"$body = @'\n{Title}\n'@\n", "it sits inside single quotes", shell: "pwsh");
    }

    [Fact]
    public void Pwsh_single_quoted_and_glued_text_are_not_rewritten()
    {
        AssertSkipped($"Write-Host 'x={Title}'\n", "it sits inside single quotes", runsOn: "windows-latest");
        AssertSkipped($"Write-Host notes/{Title}.txt\n", $"it is glued to other text ('notes/{Title}.txt')", shell: "pwsh");
        AssertSkipped($"Invoke-Expression \"echo {Title}\"\n", "the shell would expand the variable into code that Invoke-Expression runs", shell: "pwsh");
    }

    [Fact]
    public void Cmd_is_not_rewritten_because_percent_expansion_happens_before_parsing() =>
        AssertSkipped($"echo {Title}\n", "cmd expands %NAME% before it parses the line", runsOn: "windows-latest", shell: "cmd");

    [Fact]
    public void Matrix_runner_gets_no_fix_because_the_shell_is_unknown()
    {
        var yaml = Workflow($"echo \"{Title}\"\n", "${{ matrix.os }}");
        Assert.Null(Assert.Single(Run.Workflow(yaml, Rule)).Fix);
    }

    [Fact]
    public void Yaml_double_quoted_run_escapes_the_added_quotes()
    {
        var yaml = $"on: issues\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - run: \"echo {Title}\"\n";
        var (text, left) = ApplyFixes(yaml);
        Assert.Equal("on: issues\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - run: \"echo \\\"${ISSUE_TITLE}\\\"\"\n        env:\n          ISSUE_TITLE: ${{ github.event.issue.title }}\n", text);
        Assert.Empty(left);
    }

    [Fact]
    public void One_script_with_every_context_fixes_the_expandable_ones_and_keeps_the_others()
    {
        var script = $"echo {Title}\necho \"{Title}\"\necho '{Title}'\ncat <<EOF\n{Title}\nEOF\ncat <<'EOF'\n{Title}\nEOF\n";
        var (text, left) = ApplyFixes(Workflow(script));
        var expected = Fixed(
            Workflow($"echo \"${{ISSUE_TITLE}}\"\necho \"${{ISSUE_TITLE}}\"\necho '{Title}'\ncat <<EOF\n${{ISSUE_TITLE}}\nEOF\ncat <<'EOF'\n{Title}\nEOF\n"),
            "          ISSUE_TITLE: ${{ github.event.issue.title }}\n");
        Assert.Equal(expected, text);
        Assert.Equal([10, 15], left.Select(f => f.Location.StartLine));
        Assert.All(left, f => Assert.Null(f.Fix));
    }

    [Fact]
    public void Expressions_outsiders_cannot_write_are_never_touched()
    {
        // github.sha and secrets are not attacker text; a choice input is only a pedantic note: none is rewritten
        var yaml = """
            on:
              workflow_dispatch:
                inputs:
                  level:
                    type: choice
                    options: [low, high]
              issues:
            jobs:
              j:
                runs-on: ubuntu-latest
                steps:
                  - run: |
                      echo ${{ github.sha }} '${{ github.sha }}' "${{ secrets.TOKEN }}"
                      echo ${{ inputs.level }}
                      echo "${{ github.event.issue.title }}"
            """ + "\n";
        foreach (var persona in new[] { Persona.Regular, Persona.Pedantic })
        {
            var findings = Run.Workflow(yaml, Rule, persona);
            var fixable = Assert.Single(findings, f => f.Fix is not null);
            Assert.Equal(15, fixable.Location.StartLine);
            var (text, _) = ApplyFixes(yaml, persona);
            Assert.Equal(
                yaml.Replace("echo \"${{ github.event.issue.title }}\"\n", "echo \"${ISSUE_TITLE}\"\n        env:\n          ISSUE_TITLE: ${{ github.event.issue.title }}\n", StringComparison.Ordinal),
                text);
        }
    }

    /// <summary>
    /// bash itself judges the rewrite: the original script with the value pasted in (what GitHub does) and the fixed
    /// script with the value in the environment print the same. The value has runs of spaces and a glob, which only
    /// quoted expansions keep as they are (and no shell syntax: with that, the two would differ by design).
    /// </summary>
    [Theory]
    [InlineData("echo \"[{0}]\"\n")]
    [InlineData("printf '%s|' \"a{0}b\" \"$(printf '%s' \"{0}\")\"\n")]
    [InlineData("cat <<EOF\n[{0}] 'quoted' \"too\"\nEOF\ncat <<-EOF\n\t[{0}]\n\tEOF\n")]
    [InlineData("# {0}\necho ok\n")]
    [InlineData("x=\"{0}\"; echo \"${{#x}}\"\n")]
    public void Bash_runs_the_fixed_script_like_the_original(string template)
    {
        if (!File.Exists("/bin/bash"))
        {
            Assert.Skip("bash is not installed");
        }

        const string value = "two  spaces * and ?";
        var script = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, Title);
        var (text, left) = ApplyFixes(Workflow(script));
        Assert.Empty(left);
        var fixedScript = ScriptOf(text);
        Assert.DoesNotContain("${{", fixedScript, StringComparison.Ordinal);
        var original = Bash(script.Replace(Title, value, StringComparison.Ordinal), null);
        Assert.Equal(original, Bash(fixedScript, value));
    }

    [Fact]
    public void Bash_confirms_that_an_unquoted_value_is_now_one_word()
    {
        if (!File.Exists("/bin/bash"))
        {
            Assert.Skip("bash is not installed");
        }

        var (text, _) = ApplyFixes(Workflow($"printf '<%s>' {Title}\n"));
        Assert.Equal("<a  b *>", Bash(ScriptOf(text), "a  b *"));
    }

    public static TheoryData<string> RealisticWorkflows() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Data", "realistic"), "*.yml").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal)];

    /// <summary>On the realistic workflows: the fixed text parses, the fixed findings are gone, the unfixed ones stay.</summary>
    [Theory]
    [MemberData(nameof(RealisticWorkflows))]
    public void Fixing_a_realistic_workflow_removes_exactly_the_fixed_findings(string file)
    {
        var yaml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "realistic", file));
        var before = Run.Workflow(yaml, Rule);
        if (before.Count == 0)
        {
            return;
        }

        var (text, left) = ApplyFixes(yaml);
        Assert.Equal(
            before.Where(f => f.Fix is null).Select(f => f.Fingerprint).Order(StringComparer.Ordinal),
            left.Select(f => f.Fingerprint).Order(StringComparer.Ordinal));
        Assert.Equal(before.Any(f => f.Fix is not null), text != yaml);
    }

    /// <summary>The literal block of the workflow's only <c>run: |</c>.</summary>
    private static string ScriptOf(string yaml)
    {
        var lines = yaml.Split('\n');
        var start = Array.FindIndex(lines, l => l.EndsWith("run: |", StringComparison.Ordinal)) + 1;
        return string.Concat(lines.Skip(start).TakeWhile(l => l.Length == 0 || l.StartsWith("          ", StringComparison.Ordinal)).Select(l => (l.Length == 0 ? l : l[10..]) + "\n"));
    }

    private static string Bash(string script, string? title)
    {
        var start = new ProcessStartInfo("/bin/bash", ["--noprofile", "--norc", "-e", "-o", "pipefail", "-c", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["HOME"] = "/home/someone";
        if (title is not null)
        {
            start.Environment["ISSUE_TITLE"] = title;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(10_000), "bash did not finish");
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
