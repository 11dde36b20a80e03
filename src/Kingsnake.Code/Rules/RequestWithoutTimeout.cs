using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B113: an HTTP request that can wait forever.</summary>
public sealed class RequestWithoutTimeout : CallRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY113", "request-without-timeout", "HTTP request without a timeout", Severity.Medium, Confidence.Low, 400, "B113", "S113", """
        `requests` waits forever by default: a server that never answers (or answers one byte a minute) hangs the
        caller, an easy denial of service. `timeout=None` in `requests` or `httpx` does the same on purpose.

        **Fix:** pass `timeout=` (seconds, or a `(connect, read)` tuple).

        **Differs from Bandit:** a call that passes `**kwargs` is not reported for a missing timeout (the timeout may
        be in them), and the name must resolve to `requests.<verb>`/`httpx.<verb>` rather than merely contain them.
        """);

    public override string BanditId => "B113";

    public override string BanditName => "request_without_timeout";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        var name = qualifiedName ?? (context.BanditCompatible ? Literals.DottedText(call.Func) : null);
        if (name is null || HttpClients.Library(name, context.BanditCompatible) is not { } library)
        {
            return;
        }

        var timeout = Literals.KeywordArgument(call, "timeout");
        if (timeout is null)
        {
            if (library == "requests" && (context.BanditCompatible || !Literals.HasDoubleStar(call)))
            {
                context.Report(this, call, $"{name} has no timeout= and waits forever for a server that stops answering");
            }
        }
        else if (timeout.Value is Constant { Value.Kind: ConstantKind.None })
        {
            context.Report(this, call, $"{name} passes timeout=None and waits forever for a server that stops answering");
        }
    }
}
