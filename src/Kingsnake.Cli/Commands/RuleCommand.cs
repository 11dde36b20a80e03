using System.CommandLine;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;

namespace Kingsnake.Cli.Commands;

/// <summary>
/// <c>kingsnake rule ID</c>: one rule explained (what it finds, why it matters, how to fix it, where Kingsnake differs
/// from the peer it mirrors), named by any id or alias a report or a peer uses: <c>PY602</c>, <c>B602</c>, <c>S602</c>,
/// <c>subprocess-shell-true</c>, <c>template-injection</c>.
/// </summary>
internal static class RuleCommand
{
    public static Command Create(CliConsole console)
    {
        var name = new Argument<string>("ID") { Description = "A rule id, name or alias (PY602, B602, S602, template-injection)." };
        var command = new Command("rule", "Explain one rule: what it finds, why it matters and how to fix it.") { name };
        command.SetAction(parse =>
        {
            var wanted = parse.GetValue(name)!.Trim();
            var rule = RulesCommand.Registry.Find(wanted)
                ?? throw new UsageException($"no rule is named '{wanted}'; `kingsnake rules` lists every rule with its aliases");
            console.Out.Write(Explain(rule));
            return ExitCodes.Clean;
        });
        return command;
    }

    /// <summary>The rule as the terminal shows it: a header of facts, then its help text as written.</summary>
    public static string Explain(Rule rule)
    {
        var writer = new StringWriter { NewLine = "\n" };
        writer.WriteLine($"{rule.Id} {rule.Name}: {rule.Title}");
        writer.WriteLine($"area: {rule.Area}; default severity: {rule.DefaultSeverity.ToName()}; confidence: {rule.DefaultConfidence.ToName()}"
            + (rule.Cwe.Count > 0 ? "; " + string.Join(", ", rule.Cwe.Order().Select(id => $"CWE-{id}")) : ""));
        if (rule.Aliases.Count > 0)
        {
            writer.WriteLine($"also named: {string.Join(", ", rule.Aliases)}");
        }

        writer.WriteLine();
        foreach (var line in rule.Help.Trim().Split('\n'))
        {
            writer.WriteLine(line.TrimEnd('\r'));
        }

        writer.WriteLine();
        writer.WriteLine($"more: {rule.HelpUri}");
        return writer.ToString();
    }
}
