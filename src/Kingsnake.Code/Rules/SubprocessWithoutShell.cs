using Kingsnake.Code.Analysis;
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

        if (!context.BanditCompatible && call.Args.Count > 0 && IsFixedProgram(call.Args[0], context))
        {
            return;
        }

        context.Report(this, call, ShellInjection.Command(call) is { } command
            ? $"{qualifiedName} starts a program from {MessageText.Origin(command)} without a shell; outside input must not choose the executable or its options"
            : $"{qualifiedName} starts a program without a shell from arguments that cannot be seen here");
    }

    /// <summary>
    /// The program is fixed by the source: the whole command folds to constants, or it is an argument list whose
    /// first element is a constant or <c>sys.executable</c>. Input can then only reach the arguments of a known
    /// program, with no shell to reinterpret them.
    /// </summary>
    private static bool IsFixedProgram(ExprNode command, FileContext context) =>
        ConstantFolding.IsConstant(command, context) || command switch
        {
            PyList { Elts: [var program, ..] } => IsFixed(program, context),
            PyTuple { Elts: [var program, ..] } => IsFixed(program, context),
            // `cmd = [sys.executable, "-m", "pip"]; cmd.extend(args)`: the list grows, its program stays.
            Name name => ConstantFolding.BoundValues(name.Id, context) is { } values
                && values.All(v => v is PyList or PyTuple && IsFixedProgram(v, context)),
            _ => false,
        };

    private static bool IsFixed(ExprNode program, FileContext context) =>
        ConstantFolding.IsConstant(program, context) || context.QualifiedName(program) == "sys.executable";
}
