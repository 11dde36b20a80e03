using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;
using PyList = Kingsnake.Python.Ast.List;
using PyTuple = Kingsnake.Python.Ast.Tuple;

namespace Kingsnake.Code.Rules;

/// <summary>B603: a subprocess function without a shell, whose arguments may still come from outside.</summary>
public sealed class SubprocessWithoutShell : CallRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY603", "subprocess-without-shell", "subprocess function starting a program from variable input", Severity.Low, Confidence.High, 78, "B603", "S603", """
        Starting a program is safe from shell injection without a shell, but the program and its arguments still
        decide what runs: check that untrusted input cannot choose the executable or inject options.

        **Fix:** keep the executable a fixed absolute path, validate variable arguments against an allow-list, and
        pass `--` before file names or other values from outside.

        **Differs from Bandit:** like ruff, Kingsnake does not report a call whose command is entirely literal (a
        string, or a list or tuple of strings), since nothing in it can come from outside.
        """);

    public override string BanditId => "B603";

    public override string BanditName => "subprocess_without_shell_equals_true";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        if (qualifiedName is null || !ShellInjection.For(context.Settings).Subprocess.Contains(qualifiedName) || ShellInjection.ShellValue(call) == true)
        {
            return;
        }

        if (!context.BanditCompatible && call.Args.Count > 0 && IsLiteralCommand(call.Args[0]))
        {
            return;
        }

        context.Report(this, call, ShellInjection.Command(call) is { } command
            ? $"{qualifiedName} starts a program from {MessageText.Origin(command)} without a shell; outside input must not choose the executable or its options"
            : $"{qualifiedName} starts a program without a shell from arguments that cannot be seen here");
    }

    private static bool IsLiteralCommand(ExprNode command) => command switch
    {
        Constant { Value.Kind: ConstantKind.Str } => true,
        PyList list => list.Elts.Count > 0 && list.Elts.All(Literals.IsStr),
        PyTuple tuple => tuple.Elts.Count > 0 && tuple.Elts.All(Literals.IsStr),
        _ => false,
    };
}
