using System.Text;
using Kingsnake.Core.Findings;
using Kingsnake.Workflows.Audits;
using Kingsnake.Workflows.Tests.Support;

namespace Kingsnake.Workflows.Tests.Audits;

/// <summary>
/// Template injection stays linear in the size of a <c>run:</c> block. Each expression used to cost a pass over the
/// whole block (the step's name split out of the script, the value's lines counted from the start, every command and
/// word searched, the source searched for the expression), so 8,000 expressions took 18 s and 16,000 four times that.
/// The timeouts are hang guards, twenty times what a linear scan needs on a slow machine: only a quadratic cost hits them.
/// </summary>
public sealed class TemplateInjectionScaleTests
{
    private const string Rule = "template-injection";
    private const int Count = 8000;

    private const string Header = """
        on: issues
        jobs:
          build:
            runs-on: ubuntu-latest

        """;

    [Fact(Timeout = 30_000)]
    public async Task Eight_thousand_expressions_in_one_literal_block_are_each_found_at_their_place()
    {
        var yaml = Workflow("      - run: |", i => $"          echo \"${{{{ github.event.issue.title }}}} {i}\"");
        var findings = await Task.Run(() => Run.Workflow(yaml, Rule), TestContext.Current.CancellationToken);

        Assert.Equal(Count, findings.Count);
        Assert.All(findings, f => Assert.Equal(Severity.High, f.Severity));
        Assert.All(findings, f => Assert.NotNull(f.Fix)); // inside double quotes: each one is rewritten to ${ISSUE_TITLE}
        foreach (var i in new[] { 0, 1, 4321, Count - 1 })
        {
            // line 7 is the first line of the script; 'echo "' puts the fence at column 17
            var finding = findings.Single(f => f.Location.StartLine == 7 + i);
            Assert.Equal((17, 17 + 31), (finding.Location.StartColumn, finding.Location.EndColumn));
            Assert.Equal("${{ github.event.issue.title }}", Run.Covered(yaml, finding));
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Eight_thousand_different_expressions_in_one_folded_command_keep_exact_spans()
    {
        // a folded block is one line of shell: one command of 16,000 words, each fence located in the source by its text
        var yaml = Workflow("      - run: >", i => $"          echo ${{{{ github.event.inputs.x{i} }}}}");
        var findings = await Task.Run(() => Run.Workflow(yaml, Rule), TestContext.Current.CancellationToken);

        Assert.Equal(Count, findings.Count);
        foreach (var i in new[] { 0, 999, Count - 1 })
        {
            var finding = findings.Single(f => f.Location.StartLine == 7 + i);
            Assert.Equal(16, finding.Location.StartColumn);
            Assert.Equal($"${{{{ github.event.inputs.x{i} }}}}", Run.Covered(yaml, finding));
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Eight_thousand_env_variables_each_followed_to_its_entry()
    {
        var env = new StringBuilder("    env:\n");
        for (var i = 0; i < Count; i++)
        {
            env.Append($"      V{i}: ${{{{ github.event.issue.title }}}}\n");
        }

        var yaml = Header + env + "    steps:\n      - run: |\n"
            + string.Concat(Enumerable.Range(0, Count).Select(i => $"          echo \"${{{{ env.V{i} }}}}\"\n"));
        var findings = await Task.Run(() => Run.Workflow(yaml, Rule), TestContext.Current.CancellationToken);

        Assert.Equal(Count, findings.Count);
        Assert.All(findings, f => Assert.Equal(Severity.High, f.Severity)); // the env entry holds the issue title
        // header 4 lines, env: and its entries, steps:, run: |, then the script: the last echo is line 7 + 2 × Count
        var last = findings.Single(f => f.Location.StartLine == 7 + (2 * Count));
        Assert.Equal($"${{{{ env.V{Count - 1} }}}}", Run.Covered(yaml, last));
    }

    [Fact(Timeout = 30_000)]
    public async Task Eight_thousand_declared_inputs_each_graded_by_its_declaration()
    {
        // every ${{ inputs.x }} used to read every trigger's inputs again (35 s for this file)
        var yaml = "on:\n  workflow_dispatch:\n    inputs:\n"
            + string.Concat(Enumerable.Range(0, Count).Select(i => $"      i{i}:\n        type: {(i % 2 == 0 ? "string" : "boolean")}\n"))
            + "jobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n"
            + string.Concat(Enumerable.Range(0, Count).Select(i => $"          echo ${{{{ inputs.i{i} }}}}\n"));
        var findings = await Task.Run(() => Run.Workflow(yaml, Rule, Persona.Pedantic), TestContext.Current.CancellationToken);

        Assert.Equal(Count, findings.Count);
        Assert.Equal(Count / 2, findings.Count(f => f.Message.Contains("(a free-text input)", StringComparison.Ordinal)));
        Assert.Equal(Count / 2, findings.Count(f => f.Message.Contains("(a boolean input)", StringComparison.Ordinal)));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_matrix_of_eight_thousand_values_is_judged_once()
    {
        // the one computed value comes first, so that telling the matrix is not all literals means walking all of it
        var yaml = "on: pull_request_target\njobs:\n  build:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        v:\n"
            + "          - ${{ github.head_ref }}\n"
            + string.Concat(Enumerable.Range(0, Count).Select(i => $"          - x{i}\n"))
            + "    steps:\n      - run: |\n"
            + string.Concat(Enumerable.Range(0, Count).Select(i => $"          echo ${{{{ matrix.v }}}} {i}\n"));
        var findings = await Task.Run(() => Run.Workflow(yaml, Rule), TestContext.Current.CancellationToken);

        Assert.Equal(Count, findings.Count);
        Assert.All(findings, f => Assert.Contains("a matrix value built from expressions", f.Message, StringComparison.Ordinal));
    }

    private static string Workflow(string step, Func<int, string> line) =>
        Header + "    steps:\n" + step + "\n" + string.Join('\n', Enumerable.Range(0, Count).Select(line)) + "\n";
}
