using Kingsnake.Code.Engine;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules.Beyond;

/// <summary>
/// Client-side <c>ssl.wrap_socket</c> without <c>cert_reqs=ssl.CERT_REQUIRED</c>: its default is CERT_NONE, so the
/// peer's certificate is never checked (CVE-2015-2674, restkit). PY504/PY502 judge only the protocol version.
/// </summary>
public sealed class SslWrapSocketUnverified : CallRule
{
    // ssl.wrap_socket(sock, keyfile, certfile, server_side, cert_reqs, ssl_version, ca_certs, ...)
    private const int ServerSidePosition = 3;
    private const int CertReqsPosition = 4;

    public override Rule Descriptor { get; } = DescribeOwn(
        "PY805", "ssl-wrap-socket-unverified", "ssl.wrap_socket client without certificate verification", Severity.High, Confidence.Medium, 295, null, """
        `ssl.wrap_socket` defaults to `cert_reqs=CERT_NONE`: a client wrapped this way accepts any certificate, so
        anyone on the path can impersonate the server (CVE-2015-2674, restkit). It never checks the host name
        either, and it was deprecated in Python 3.7 and removed in 3.12. PY504 (Bandit B504) and PY502 look only at
        the protocol version; this rule looks at verification, whatever the version. Server sockets
        (`server_side=True`) are not reported: servers usually do not ask clients for certificates.

        **Fix:** `ctx = ssl.create_default_context(cafile=...)` and `ctx.wrap_socket(sock, server_hostname=host)`,
        which verifies the chain and the host name.
        """);

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        if (qualifiedName != "ssl.wrap_socket" || Literals.HasDoubleStar(call) || call.Args.Any(a => a is Starred))
        {
            return;
        }

        var serverSide = Literals.KeywordArgument(call, "server_side")?.Value ?? (call.Args.Count > ServerSidePosition ? call.Args[ServerSidePosition] : null);
        if (serverSide is not null && Literals.Truthiness(serverSide) != false)
        {
            return; // a server, or a flag we cannot read
        }

        var certReqs = Literals.KeywordArgument(call, "cert_reqs")?.Value ?? (call.Args.Count > CertReqsPosition ? call.Args[CertReqsPosition] : null);
        switch (Literals.LastName(certReqs))
        {
            case null when certReqs is null:
                context.Report(this, call, "ssl.wrap_socket without cert_reqs checks no certificate (the default is CERT_NONE) and no host name; use ssl.create_default_context().wrap_socket(sock, server_hostname=...)");
                break;
            case "CERT_NONE":
                context.Report(this, call, "ssl.wrap_socket with cert_reqs=CERT_NONE accepts any certificate; use ssl.create_default_context().wrap_socket(sock, server_hostname=...)", Severity.High, Confidence.High);
                break;
            case "CERT_OPTIONAL":
                context.Report(this, call, "ssl.wrap_socket with cert_reqs=CERT_OPTIONAL accepts a server that sends no certificate; use ssl.create_default_context().wrap_socket(sock, server_hostname=...)");
                break;
        }
    }
}
