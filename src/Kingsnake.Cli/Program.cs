using System.CommandLine;
using Kingsnake.Cli.Commands;
using Kingsnake.Core.Auditing;

namespace Kingsnake.Cli;

public static class Program
{
    public static int Main(string[] args) => Run(args, CliConsole.FromProcess());

    /// <summary>Runs one command line against <paramref name="console"/>; the only place exit codes are decided.</summary>
    public static int Run(string[] args, CliConsole console)
    {
        var root = new RootCommand("Kingsnake: audit Python projects and packages for security weaknesses.");
        root.Add(AuditCommand.Create(console));
        root.Add(FixCommand.Create(console));
        root.Add(RulesCommand.Create(console));
        root.Add(RuleCommand.Create(console));
        root.Add(ScoreCommand.Create(console));
        root.Add(DbCommand.Create(console));
        root.Add(ParseCommand.Create(console));
        root.Add(SbomCommand.Create(console));
        root.Add(CompletionCommand.Create(console));
        CompletionCommand.AddValueCompletions(root);

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                console.Error.WriteLine($"kingsnake: {error.Message}");
            }

            console.Error.WriteLine("Run 'kingsnake --help' for usage.");
            return ExitCodes.Error;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false });
        }
        catch (RunFailedException ex)
        {
            console.Error.WriteLine($"kingsnake: {ex.Message}");
            return ExitCodes.Error;
        }
    }
}
