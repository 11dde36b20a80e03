using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B606: <c>os.exec*</c>, <c>os.spawn*</c>, <c>os.startfile</c>: a process started without a shell.</summary>
public sealed class StartProcessWithoutShell : CallRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY606", "start-process-without-shell", "Program started directly by os.exec*, os.spawn* or os.startfile", Severity.Low, Confidence.Medium, 78, "B606", "S606", """
        The `os.exec*`/`os.spawn*` family and `os.startfile` start programs directly. No shell is involved, but check
        that untrusted input cannot pick the program or its arguments. Functions come from Bandit's
        `shell_injection.no_shell` list (configurable).

        **Fix:** name the program with a fixed absolute path, pick any variable part from an allow-list, and put
        `--` before arguments that come from outside so they cannot be read as options.
        """);

    public override string BanditId => "B606";

    public override string BanditName => "start_process_with_no_shell";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        if (qualifiedName is not null && ShellInjection.For(context.Settings).NoShell.Contains(qualifiedName))
        {
            context.Report(this, call, call.Args.Count > 0
                ? $"{qualifiedName} starts the program given by {MessageText.Origin(call.Args[0])} (no shell); outside input must not choose the program or its arguments"
                : $"{qualifiedName} starts a program (no shell) from arguments that cannot be seen here");
        }
    }
}
