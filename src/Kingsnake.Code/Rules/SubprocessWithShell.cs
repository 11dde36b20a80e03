using Kingsnake.Code.Analysis;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B602: a subprocess function run with <c>shell=True</c>.</summary>
public sealed class SubprocessWithShell : CallRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY602", "subprocess-shell-true", "subprocess function running a shell", Severity.High, Confidence.High, 78, "B602", "S602", """
        With `shell=True` the command is a shell script: any part of it that comes from outside can add commands
        (`; rm -rf ~`). A command built from variables, f-strings or concatenation is graded high; a plain string
        literal is graded low (it runs only what the author wrote, but invites later edits that interpolate).

        **Fix:** pass an argument list without a shell: `subprocess.run(["ls", "-l", path])`; if a shell is truly
        needed, quote every interpolated value with `shlex.quote`.

        Functions are taken from Bandit's `shell_injection.subprocess` list (configurable). As in Bandit, a
        non-literal `shell=` value (`shell=flag`) counts as true.
        
        **Differs from Bandit:** a command fixed by the source (a literal, or a name bound only to literals) is not
        reported in Kingsnake mode; Bandit grades it low.
        """);

    public override string BanditId => "B602";

    public override string BanditName => "subprocess_popen_with_shell_equals_true";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        if (qualifiedName is null || !ShellInjection.For(context.Settings).Subprocess.Contains(qualifiedName)
            || ShellInjection.ShellValue(call) != true || call.Args.Count == 0)
        {
            return;
        }

        var shell = ShellInjection.ShellText(call, context);
        if (!context.BanditCompatible && ConstantFolding.IsConstant(call.Args[0], context))
        {
            // A command fixed by the source runs only what the author wrote: nothing for a reviewer to change.
            return;
        }

        if (ShellInjection.IsConstantCommand(call))
        {
            context.Report(this, call, $"{qualifiedName} runs a shell ({shell}) on the literal command {MessageText.LiteralText(call.Args[0])}; safe as written, but an edit that interpolates a value makes it injectable", Severity.Low);
        }
        else
        {
            context.Report(this, call, $"{qualifiedName} runs a shell ({shell}) with a command built from {MessageText.Origin(call.Args[0])}", Severity.High);
        }
    }
}
