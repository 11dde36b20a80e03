using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B112: an exception handler in a loop that silently moves on.</summary>
public sealed class TryExceptContinue : CodeRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY112", "try-except-continue", "Handler that skips failures with continue", Severity.Low, Confidence.High, 703, "B112", "S112", """
        `except: continue` skips every failing item without a trace, including failures that matter for security.

        **Fix:** catch the specific exception and log it. Only bare `except:` and `except Exception:` are reported
        unless `try_except_continue.check_typed_exception = true`.
        
        **Differs from Bandit:** reported only when the `try` body does something security depends on, as PY110.
        """);

    public override string BanditId => "B112";

    public override string BanditName => "try_except_continue";

    public override IReadOnlyList<NodeKind> NodeKinds => ExceptHandlers.Kinds;

    public override void Check(Node node, FileContext context)
    {
        if (ExceptHandlers.OnlyStatementIs<Continue>((ExceptHandler)node, context.Settings.Flag(BanditName, "check_typed_exception", false))
            && (context.BanditCompatible || ExceptHandlers.GuardsSecurity(context)))
        {
            context.Report(this, node, ExceptHandlers.Describe((ExceptHandler)node, context) + " skips to the next iteration with continue, leaving no trace of the error");
        }
    }
}
