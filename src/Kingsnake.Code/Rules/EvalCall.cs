using Kingsnake.Code.Analysis;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B307: the builtin <c>eval</c> evaluates arbitrary expressions.</summary>
public sealed class EvalCall : CallRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY307", "eval-used", "eval of a dynamic expression", Severity.Medium, Confidence.High, 78, "B307", "S307", """
        `eval` evaluates any Python expression, including ones that import modules and run commands.

        **Fix:** to read Python literals, use `ast.literal_eval`; otherwise write explicit code.

        **Differs from Bandit:** the name must resolve to the builtin (a local `eval` is not reported) and code fixed by the
        source (a string literal, or a name bound only to literals in its function or module) is not reported: it
        evaluates only what the author wrote.
        """);

    public override string BanditId => "B307";

    public override string BanditName => "eval";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        if (qualifiedName is "eval" or "builtins.eval")
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
                ? "eval is called without a visible expression argument"
                : constant
                    ? "eval of a string literal: ast.literal_eval or plain code does the same without evaluating arbitrary Python"
                    : $"eval of a non-literal expression taken from {MessageText.Origin(call.Args[0])}";
            context.Report(this, call, message);
        }
    }
}
