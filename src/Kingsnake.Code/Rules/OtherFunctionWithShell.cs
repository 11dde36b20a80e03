using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B604: some other function called with <c>shell=True</c>, which probably runs a shell.</summary>
public sealed class OtherFunctionWithShell : CallRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY604", "call-with-shell-true", "Other function called with shell=True", Severity.Medium, Confidence.Low, 78, "B604", "S604", """
        A function outside the known subprocess list is called with `shell=True`: it most likely wraps a shell, and
        any outside text in the command can then add commands of its own.

        **Fix:** call the wrapper with `shell=False` and an argument list, or check that every value placed in the
        command is fixed or quoted with `shlex.quote`.

        **Differs from Bandit:** Bandit treats any non-literal value (`shell=flag`) as true; Kingsnake, like ruff,
        reports only a literally true `shell=` here, because for an unknown function a variable is at least as
        likely to be false.
        """);

    public override string BanditId => "B604";

    public override string BanditName => "any_other_function_with_shell_equals_true";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        if (qualifiedName is not null && ShellInjection.For(context.Settings).Subprocess.Contains(qualifiedName))
        {
            return;
        }

        var shell = context.BanditCompatible ? ShellInjection.ShellValue(call) == true : ShellInjection.LiterallyTrue(call);
        if (shell)
        {
            context.Report(this, call, $"{qualifiedName ?? MessageText.Callee(call)} is called with {ShellInjection.ShellText(call, context)}, so it most likely hands its command to a shell");
        }
    }
}
