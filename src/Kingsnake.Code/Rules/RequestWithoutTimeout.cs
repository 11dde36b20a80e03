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
        Requests sent through a session or client made in the same function or module (`s = requests.Session()`,
        `with httpx.Client() as c:`) are judged too: a `requests.Session` has no default timeout, so `s.get(url)`
        without one is reported unless the session gets an adapter mounted or an attribute set there; an httpx
        client's own timeout (5 s by default) covers its requests, so only `timeout=None` is.
        """);

    public override string BanditId => "B113";

    public override string BanditName => "request_without_timeout";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        var name = qualifiedName ?? (context.BanditCompatible ? Literals.DottedText(call.Func) : null);
        if (name is null || HttpClients.Library(name, context.BanditCompatible) is not { } library)
        {
            if (HttpClients.ClientMethod(call, context) is { } client)
            {
                CheckClientRequest(call, client, context);
            }

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

    /// <summary>
    /// A request through a client object: a <c>requests.Session</c> has no timeout of its own (every request needs
    /// one), while an httpx client's timeout (5 s unless its constructor says otherwise, which is judged there)
    /// covers its requests, so only <c>timeout=None</c> on the call is a finding.
    /// </summary>
    private void CheckClientRequest(Call call, ClientRequest client, FileContext context)
    {
        var timeout = Literals.KeywordArgument(call, "timeout");
        var made = $"the {client.Constructor}() of line {client.Construction.Lineno}";
        if (timeout is null)
        {
            // a mounted adapter or a patched method can supply the timeout; **kwargs may carry it
            if (client.Library == "requests" && !client.Reconfigured && !Literals.HasDoubleStar(call))
            {
                context.Report(this, call, $"{client.Call} (on {made}, which has no default timeout) has no timeout= and waits forever for a server that stops answering");
            }
        }
        else if (timeout.Value is Constant { Value.Kind: ConstantKind.None })
        {
            context.Report(this, call, $"{client.Call} (on {made}) passes timeout=None and waits forever for a server that stops answering");
        }
    }
}
