using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Reporting.Documentation;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Kingsnake.Reporting.Tests;

public sealed class RulesDocumentTests
{
    private static readonly Rule[] Rules =
    [
        SampleReports.ShellTrue, SampleReports.UnusedRule, SampleReports.VulnerableDependency,
        SampleReports.InstallTimeCode, SampleReports.TemplateInjection, SampleReports.HardcodedPassword,
    ];

    [Fact]
    public void Each_rule_has_a_section_whose_github_anchor_is_the_help_uri_fragment()
    {
        // Markdig's GitHub mode computes heading ids the way github.com does; HelpUri links must land on them.
        var document = MarkdownInspection.Parse(RulesDocument.Generate(Rules));
        var ids = document.Descendants<HeadingBlock>().Select(h => h.GetAttributes().Id).ToHashSet();
        foreach (var rule in Rules)
        {
            var fragment = new Uri(rule.HelpUri).Fragment.TrimStart('#');
            Assert.Contains(fragment, ids);
            Assert.Equal(fragment, RulesDocument.Anchor(rule));
        }
    }

    [Fact]
    public void Sections_list_name_title_area_grades_cwe_aliases_and_help()
    {
        var page = RulesDocument.Generate(Rules);
        var start = page.IndexOf("\n### PY602\n", StringComparison.Ordinal);
        Assert.True(start >= 0);
        var end = page.IndexOf("\n### ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? page[start..] : page[start..end];
        Assert.Contains("**subprocess-shell-true**: Subprocess started through the shell", section, StringComparison.Ordinal);
        Assert.Contains("| Area | code |", section, StringComparison.Ordinal);
        Assert.Contains("| Default severity | high |", section, StringComparison.Ordinal);
        Assert.Contains("| Default confidence | high |", section, StringComparison.Ordinal);
        Assert.Contains("| CWE | [CWE-78](https://cwe.mitre.org/data/definitions/78.html) |", section, StringComparison.Ordinal);
        Assert.Contains("| Aliases | `B602`, `S602` |", section, StringComparison.Ordinal);
        Assert.Contains("**Fix:** pass a list of arguments\nand `shell=False`.", section, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_are_grouped_by_area_in_the_areas_order_with_their_titles_and_sorted_by_id()
    {
        // the areas as the command line lists them; posture is left out of the list, so it follows by its name
        IReadOnlyList<AuditArea> areas =
        [
            new("deps", "Dependencies", []), new("workflows", "GitHub Actions workflows", []), new("code", "Python code", []),
            new("packaging", "Packaging and distributions", []),
        ];
        var page = RulesDocument.Generate(Rules, areas);
        var headings = page.Split('\n').Where(l => l.StartsWith("## ", StringComparison.Ordinal) || l.StartsWith("### ", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [
                "## Dependencies (deps)", "### DEP001",
                "## GitHub Actions workflows (workflows)", "### GHA001",
                "## Python code (code)", "### PY105", "### PY602",
                "## Packaging and distributions (packaging)", "### PKG004",
                "## posture", "### POS001",
            ],
            headings);
    }

    [Fact]
    public void Output_does_not_depend_on_input_order_and_index_links_every_rule()
    {
        var page = RulesDocument.Generate(Rules);
        Assert.Equal(page, RulesDocument.Generate(Rules.Reverse()));
        Assert.Contains("6 rules.", page, StringComparison.Ordinal);
        foreach (var rule in Rules)
        {
            Assert.Contains($"| [{rule.Id}](#{rule.Id.ToLowerInvariant()}) |", page, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("\r", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_with_windows_line_ends_is_normalized()
    {
        var rule = SampleReports.UnusedRule with { Help = "Line one.\r\n\r\nLine two.\r\n", Cwe = [1104, 79] };
        var page = RulesDocument.Generate([rule]);
        Assert.Contains("\nLine one.\n\nLine two.\n", page, StringComparison.Ordinal);
        Assert.Contains("[CWE-79](https://cwe.mitre.org/data/definitions/79.html), [CWE-1104]", page, StringComparison.Ordinal);
        Assert.DoesNotContain("| Aliases |", page, StringComparison.Ordinal);
    }
}
