using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B110: an exception handler that silently swallows everything.</summary>
public sealed class TryExceptPass : CodeRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY110", "try-except-pass", "Handler that discards exceptions with pass", Severity.Low, Confidence.High, 703, "B110", "S110", """
        `except: pass` hides every error, including the ones that mean a security check failed.

        **Fix:** catch the specific exception you expect, and log or handle it. By default only bare `except:` and
        `except Exception:` are reported; set `try_except_pass.check_typed_exception = true` in the Bandit config
        to report every type.

        **Differs from Bandit:** Kingsnake reports the handler only when the `try` body does something security
        depends on (verifies, authorizes, validates, changes permissions or privileges, decrypts); cleanup, capability
        probes and optional features are what `except: pass` is for.
        """);

    public override string BanditId => "B110";

    public override string BanditName => "try_except_pass";

    public override IReadOnlyList<NodeKind> NodeKinds => ExceptHandlers.Kinds;

    public override void Check(Node node, FileContext context)
    {
        if (ExceptHandlers.OnlyStatementIs<Pass>((ExceptHandler)node, context.Settings.Flag(BanditName, "check_typed_exception", false))
            && (context.BanditCompatible || ExceptHandlers.GuardsSecurity(context)))
        {
            context.Report(this, node, ExceptHandlers.Describe((ExceptHandler)node, context) + " discards the error with pass, leaving no trace of it");
        }
    }
}
