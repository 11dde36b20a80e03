using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B601: a command run on a remote host with paramiko's <c>exec_command</c>.</summary>
public sealed class ParamikoExecCommand : CallRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY601", "paramiko-exec-command", "Shell command run over SSH with paramiko", Severity.Medium, Confidence.Medium, 78, "B601", "S601", """
        `exec_command` hands its string to the remote user's shell: if any part of it comes from input, it is shell
        injection on the remote host.

        **Fix:** keep the command a constant, or quote every inserted value with `shlex.quote`.

        **Differs from Bandit:** Bandit needs only some imported name containing `paramiko`; Kingsnake needs
        `paramiko` itself (or a submodule) imported, and does not report a literal command.
        """);

    public override string BanditId => "B601";

    public override string BanditName => "paramiko_calls";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        if (call.Func is not Kingsnake.Python.Ast.Attribute { Attr: "exec_command" })
        {
            return;
        }

        var command = call.Args.Count > 0 ? call.Args[0] : Literals.KeywordArgument(call, "command")?.Value;
        if (context.BanditCompatible
            ? context.ImportedNames.Any(n => n.Contains("paramiko", StringComparison.Ordinal))
            : context.Imports("paramiko") && !Literals.IsStr(command))
        {
            context.Report(this, call, $"{MessageText.Callee(call)} runs {MessageText.Origin(command)} through the remote shell; quote every inserted value with shlex.quote");
        }
    }
}
