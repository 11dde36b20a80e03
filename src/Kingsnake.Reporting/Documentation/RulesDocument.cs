using System.Text;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Reporting.Markdown;

namespace Kingsnake.Reporting.Documentation;

/// <summary>
/// Generates docs/rules.md from the rule descriptors, so the page cannot drift from the code. Each rule has a
/// section whose heading is its id alone, so GitHub's anchor for it is the lower-case id: the fragment of
/// <see cref="Rule.HelpUri"/>. The output depends only on the rules (no date, no version), so a test can
/// compare the committed page with a fresh generation.
/// </summary>
public static class RulesDocument
{
    /// <summary>
    /// The page for <paramref name="rules"/>, one section per area: the areas of <paramref name="areas"/> in their order
    /// and with their titles, any other area after them in alphabetical order, titled by its name.
    /// </summary>
    public static string Generate(IEnumerable<Rule> rules, IReadOnlyList<AuditArea>? areas = null)
    {
        areas ??= [];
        var sorted = rules.ToList();
        sorted.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        int Order(string area) => areas.Select((a, i) => (a, i)).FirstOrDefault(p => p.a.Name == area, (null!, areas.Count)).Item2;
        var present = sorted.Select(r => r.Area).Distinct(StringComparer.Ordinal)
            .OrderBy(Order)
            .ThenBy(a => a, StringComparer.Ordinal)
            .ToList();

        var page = new StringBuilder();
        page.Append("# Kingsnake rules\n\n");
        page.Append("<!-- Generated from the rule descriptors by Kingsnake.Reporting.Documentation.RulesDocument; do not edit by hand. -->\n\n");
        page.Append($"{sorted.Count} rules. Suppress one on a line with `# kingsnake: ignore[ID]`; ")
            .Append("the aliases listed for a rule (Bandit, ruff, zizmor ids) are honoured in suppressions and configuration too.\n\n");

        page.Append("| Id | Name | Area | Severity | Title |\n");
        page.Append("| --- | --- | --- | --- | --- |\n");
        foreach (var rule in sorted)
        {
            page.Append($"| [{rule.Id}](#{Anchor(rule)}) | {MarkdownText.Escape(rule.Name)} | {MarkdownText.Escape(rule.Area)} ")
                .Append($"| {rule.DefaultSeverity.ToName()} | {MarkdownText.Escape(rule.Title)} |\n");
        }

        foreach (var area in present)
        {
            var title = areas.FirstOrDefault(a => a.Name == area)?.Title;
            page.Append($"\n## {(title is null ? MarkdownText.Escape(area) : $"{MarkdownText.Escape(title)} ({MarkdownText.Escape(area)})")}\n");
            foreach (var rule in sorted.Where(r => r.Area == area))
            {
                AppendRule(page, rule);
            }
        }

        return page.ToString();
    }

    /// <summary>The anchor of a rule's section: its lower-case id, as in <see cref="Rule.HelpUri"/>.</summary>
    public static string Anchor(Rule rule) => rule.Id.ToLowerInvariant();

    private static void AppendRule(StringBuilder page, Rule rule)
    {
        page.Append($"\n### {rule.Id}\n\n");
        page.Append($"**{MarkdownText.Escape(rule.Name)}**: {MarkdownText.Escape(rule.Title)}\n\n");
        page.Append("| | |\n| --- | --- |\n");
        page.Append($"| Area | {MarkdownText.Escape(rule.Area)} |\n");
        page.Append($"| Default severity | {rule.DefaultSeverity.ToName()} |\n");
        page.Append($"| Default confidence | {rule.DefaultConfidence.ToName()} |\n");
        if (rule.Cwe.Count > 0)
        {
            var links = rule.Cwe.Order().Select(id => $"[CWE-{id}](https://cwe.mitre.org/data/definitions/{id}.html)");
            page.Append($"| CWE | {string.Join(", ", links)} |\n");
        }

        if (rule.Aliases.Count > 0)
        {
            page.Append($"| Aliases | {string.Join(", ", rule.Aliases.Select(a => MarkdownText.Code(a)))} |\n");
        }

        // The help is Markdown written by us for this page: it goes in as is, normalized to '\n' line ends.
        var help = rule.Help.ReplaceLineEndings("\n").Trim();
        if (help.Length > 0)
        {
            page.Append('\n').Append(help).Append('\n');
        }
    }
}
