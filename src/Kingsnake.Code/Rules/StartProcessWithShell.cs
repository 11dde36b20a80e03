using Kingsnake.Code.Analysis;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B605: a function that always runs its command through a shell (<c>os.system</c>, <c>os.popen</c> …).</summary>
public sealed class StartProcessWithShell : CallRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY605", "start-process-with-shell", "Command run through a shell", Severity.High, Confidence.High, 78, "B605", "S605", """
        `os.system`, `os.popen`, `subprocess.getoutput` and their kin always hand the command to a shell. A command
        built from variables is graded high; a plain string literal low.

        **Fix:** use `subprocess.run([...])` with an argument list and no shell.
        Functions come from Bandit's `shell_injection.shell` list (configurable).
        
        **Differs from Bandit:** a command fixed by the source (a literal, or a name bound only to literals) is not
        reported in Kingsnake mode; Bandit grades it low.
        """);

    public override string BanditId => "B605";

    public override string BanditName => "start_process_with_a_shell";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        if (qualifiedName is null || !ShellInjection.For(context.Settings).Shell.Contains(qualifiedName) || call.Args.Count == 0)
        {
            return;
        }

        if (!context.BanditCompatible && ConstantFolding.IsConstant(call.Args[0], context))
        {
            // A command fixed by the source (`os.system("clear")`, a literal bound above) runs only what the author
            // wrote: nothing for a reviewer to change.
            return;
        }

        if (ShellInjection.IsConstantCommand(call))
        {
            context.Report(this, call, $"{qualifiedName} hands the literal command {MessageText.LiteralText(call.Args[0])} to a shell; safe as written, but an argument list without a shell stays safe when it changes", Severity.Low);
        }
        else
        {
            context.Report(this, call, $"{qualifiedName} hands a command built from {MessageText.Origin(call.Args[0])} to a shell", Severity.High);
        }
    }
}
