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
        "PY605", "start-process-with-shell", "Process started with a shell", Severity.High, Confidence.High, 78, "B605", "S605", """
        `os.system`, `os.popen`, `subprocess.getoutput` and their kin always hand the command to a shell. A command
        built from variables is graded high; a plain string literal low.

        **Fix:** use `subprocess.run([...])` with an argument list and no shell.
        Functions come from Bandit's `shell_injection.shell` list (configurable).
        """);

    public override string BanditId => "B605";

    public override string BanditName => "start_process_with_a_shell";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        if (qualifiedName is null || !ShellInjection.For(context.Settings).Shell.Contains(qualifiedName) || call.Args.Count == 0)
        {
            return;
        }

        if (ShellInjection.IsConstantCommand(call))
        {
            context.Report(this, call, "Starting a process with a shell: Seems safe, but may be changed in the future, consider rewriting without shell", Severity.Low);
        }
        else
        {
            context.Report(this, call, "Starting a process with a shell, possible injection detected, security issue.", Severity.High);
        }
    }
}
