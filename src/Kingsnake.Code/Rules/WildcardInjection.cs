using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;
using PyList = Kingsnake.Python.Ast.List;
using PyTuple = Kingsnake.Python.Ast.Tuple;

namespace Kingsnake.Code.Rules;

/// <summary>B609: a shell command running chown/chmod/tar/rsync on a <c>*</c> wildcard.</summary>
public sealed class WildcardInjection : CallRule
{
    private static readonly string[] Commands = ["chown", "chmod", "tar", "rsync"];

    public override Rule Descriptor { get; } = Describe(
        "PY609", "wildcard-injection", "Shell wildcard passed to chown, chmod, tar or rsync", Severity.High, Confidence.Medium, 78, "B609", "S609", """
        The shell expands `*` to the file names in the directory, and a file named like an option
        (`--checkpoint-action=exec=sh x.sh` for tar, `--reference=f` for chown/chmod, `-e sh x.sh` for rsync) is
        then read as one: whoever can create files there can run commands.

        **Fix:** put `--` before the file names (`tar cf a.tar -- *`), use `./*`, or list the files in Python
        (`glob`, `os.scandir`) and pass them as an argument list without a shell.

        **Differs from Bandit:** Bandit looks for the command names anywhere in the text (`start.sh` contains
        `tar`); Kingsnake needs them as words, and does not report `./*` or a `--` before the wildcard.
        """);

    public override string BanditId => "B609";

    public override string BanditName => "linux_commands_wildcard_injection";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        qualifiedName = JudgedName(call, qualifiedName, context);
        if (qualifiedName is null || call.Args.Count == 0)
        {
            return;
        }

        var lists = ShellInjection.For(context.Settings);
        var shell = lists.Shell.Contains(qualifiedName)
            || (lists.Subprocess.Contains(qualifiedName) && Literals.KeywordArgument(call, "shell")?.Value is Constant { Value.Kind: ConstantKind.True });
        if (!shell || CommandText(call.Args[0]) is not { } command || !command.Contains('*', StringComparison.Ordinal))
        {
            return;
        }

        var tool = Array.Find(Commands, c => context.BanditCompatible ? command.Contains(c, StringComparison.Ordinal) : IsWildcardVictim(command, c));
        if (tool is not null)
        {
            context.Report(this, call, $"{qualifiedName} runs {MessageText.Quote(MessageText.Shorten(command, 50))} through a shell; a file named like a {tool} option in the expanded '*' becomes one");
        }
    }

    /// <summary>The command as Bandit reads it: a str literal, or the literal items of a list joined with spaces.</summary>
    private static string? CommandText(ExprNode argument) => argument switch
    {
        Constant { Value.Kind: ConstantKind.Str } => Literals.Text(argument),
        PyList list => string.Concat(list.Elts.Select(e => " " + (Literals.Text(e) ?? Literals.LastName(e) ?? ""))),
        PyTuple tuple => string.Concat(tuple.Elts.Select(e => " " + (Literals.Text(e) ?? Literals.LastName(e) ?? ""))),
        _ => null,
    };

    /// <summary>The tool appears as a word and a bare <c>*</c> word follows it with no <c>--</c> in between.</summary>
    private static bool IsWildcardVictim(string command, string tool)
    {
        var words = command.Split([' ', '\t', ';', '|', '&'], StringSplitOptions.RemoveEmptyEntries);
        var inTool = false;
        foreach (var word in words)
        {
            if (word == tool || word.EndsWith("/" + tool, StringComparison.Ordinal))
            {
                inTool = true;
            }
            else if (inTool && word == "--")
            {
                inTool = false;
            }
            else if (inTool && word.StartsWith('*'))
            {
                return true;
            }
        }

        return false;
    }
}
