using Kingsnake.Code.Analysis;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B102: the builtin <c>exec</c> runs arbitrary code.</summary>
public sealed class ExecUsed : CallRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY102", "exec-used", "exec runs code assembled at run time", Severity.Medium, Confidence.High, 78, "B102", "S102", """
        `exec` runs whatever code it is given; if any part of that code comes from outside, so does control of the
        process.

        **Fix:** replace `exec` with explicit code (a dispatch table, `getattr`, `importlib`), or parse data with a
        data parser.

        **Differs from Bandit:** the call must reach the builtin (a local function or parameter named `exec` is not
        reported), and code fixed by the source (a string literal, or a name bound only to literals in its function or module)
        is not reported: it runs only what the author wrote.
        """);

    public override string BanditId => "B102";

    public override string BanditName => "exec_used";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        if (qualifiedName is "exec" or "builtins.exec")
        {
            // Only Bandit's answers get here with a literal (Kingsnake mode returns on any fixed code below).
            var constant = call.Args.Count > 0 && Literals.IsStr(call.Args[0]);
            if (!context.BanditCompatible && call.Args.Count > 0 && ConstantFolding.IsConstant(call.Args[0], context))
            {
                // The code is fixed by the source (a literal bound above, an f-string of literals): it runs only
                // what the author wrote.
                return;
            }

            var message = call.Args.Count == 0
                ? "exec is called without a visible code argument"
                : constant
                    ? "exec of a string literal: it runs only fixed code, but explicit code would be clearer and safer to edit"
                    : $"exec runs code taken from {MessageText.Origin(call.Args[0])}";
            context.Report(this, call, message);
        }
    }
}
