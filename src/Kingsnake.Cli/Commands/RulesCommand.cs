using System.CommandLine;
using Kingsnake.Cli.Areas;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;

namespace Kingsnake.Cli.Commands;

/// <summary><c>kingsnake rules</c>: every rule Kingsnake has, from the descriptors.</summary>
internal static class RulesCommand
{
    /// <summary>Every rule of every area; docs/rules.md is generated from this list.</summary>
    public static RuleRegistry Registry => AuditAreas.Registry;

    public static Command Create(CliConsole console)
    {
        var format = new Option<string>("--format", "-f") { Description = "terminal or markdown.", DefaultValueFactory = _ => "terminal" };
        var command = new Command("rules", "List every rule: id, name, default severity and confidence, title.") { format };
        command.SetAction(parse =>
        {
            switch (parse.GetValue(format))
            {
                case "markdown":
                    console.Out.Write(Kingsnake.Reporting.Documentation.RulesDocument.Generate(Registry.All, AuditAreas.Descriptors));
                    break;
                case "terminal":
                    foreach (var rule in Registry.All)
                    {
                        var aliases = rule.Aliases.Count > 0 ? $" (aka {string.Join(", ", rule.Aliases)})" : "";
                        console.Out.WriteLine($"{rule.Id,-8} {rule.Name,-30} {rule.DefaultSeverity.ToName(),-8} {rule.DefaultConfidence.ToName(),-6} {rule.Title}{aliases}");
                    }

                    break;
                default:
                    throw new UsageException($"--format for rules must be terminal or markdown (got '{parse.GetValue(format)}')");
            }

            return ExitCodes.Clean;
        });
        return command;
    }
}
