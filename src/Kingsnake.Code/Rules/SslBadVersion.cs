using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B502: a broken SSL/TLS protocol version selected for a connection.</summary>
public sealed class SslBadVersion : CallRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY502", "ssl-bad-version", "Broken SSL/TLS protocol version", Severity.High, Confidence.High, 327, "B502", "S502", """
        SSL 2, SSL 3, TLS 1.0 and TLS 1.1 have practical attacks (DROWN, POODLE, BEAST) and are disabled by current
        clients and servers. `ssl.wrap_socket` and pyOpenSSL's `Context` with such a version are graded high; any
        other call passing one as `ssl_version=` or `method=` is graded medium.

        **Fix:** `ssl.create_default_context()` (TLS 1.2+ negotiated), or `ssl.PROTOCOL_TLS_CLIENT` /
        `PROTOCOL_TLS_SERVER` with `minimum_version = ssl.TLSVersion.TLSv1_2`; for pyOpenSSL, `TLS_METHOD` with
        `set_min_proto_version`.

        **Differs from Bandit:** Kingsnake also reads the version passed positionally to `ssl.SSLContext` and
        `OpenSSL.SSL.Context`.
        """);

    public override string BanditId => "B502";

    public override string BanditName => "ssl_with_bad_version";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        qualifiedName = JudgedName(call, qualifiedName, context);
        var sslVersion = Literals.LastName(Literals.KeywordArgument(call, "ssl_version")?.Value);
        var method = Literals.LastName(Literals.KeywordArgument(call, "method")?.Value);
        var name = qualifiedName ?? MessageText.Callee(call);
        if (qualifiedName == "ssl.wrap_socket")
        {
            if (TlsVersions.IsBad(sslVersion))
            {
                Report(call, name, "ssl_version", sslVersion!, Severity.High, Confidence.High, context);
            }
        }
        else if (qualifiedName is "pyOpenSSL.SSL.Context" || (!context.BanditCompatible && qualifiedName is "OpenSSL.SSL.Context" or "ssl.SSLContext"))
        {
            var positional = context.BanditCompatible || call.Args.Count == 0 ? null : Literals.LastName(call.Args[0]);
            var chosen = TlsVersions.IsBad(method) ? method : TlsVersions.IsBad(positional) ? positional : null;
            if (chosen is not null)
            {
                Report(call, name, chosen == method ? "method" : null, chosen, Severity.High, Confidence.High, context);
            }
        }
        else if (TlsVersions.IsBad(method) || TlsVersions.IsBad(sslVersion))
        {
            var (keyword, value) = TlsVersions.IsBad(method) ? ("method", method!) : ("ssl_version", sslVersion!);
            Report(call, name, keyword, value, Severity.Medium, Confidence.Medium, context);
        }
    }

    private void Report(Call call, string name, string? keyword, string constant, Severity severity, Confidence confidence, FileContext context)
    {
        var argument = keyword is null ? constant : keyword + "=" + constant;
        context.Report(this, call, $"{name}({argument}) selects {TlsVersions.Protocol(constant)}, a protocol version with practical attacks; require TLS 1.2 or later", severity, confidence);
    }
}
