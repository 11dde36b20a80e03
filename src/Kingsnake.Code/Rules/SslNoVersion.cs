using Kingsnake.Code.Engine;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B504: <c>ssl.wrap_socket</c> without an explicit protocol version.</summary>
public sealed class SslNoVersion : CallRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY504", "ssl-no-version", "ssl.wrap_socket without ssl_version", Severity.Low, Confidence.Medium, 327, "B504", "S504", """
        `ssl.wrap_socket` (deprecated since 3.7, removed in 3.12) neither checks certificates nor host names by
        default, and without `ssl_version` its protocol choice depends on the Python and OpenSSL versions.

        **Fix:** `ssl.create_default_context().wrap_socket(sock, server_hostname=host)`.
        """);

    public override string BanditId => "B504";

    public override string BanditName => "ssl_with_no_version";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        qualifiedName = JudgedName(call, qualifiedName, context);
        if (qualifiedName == "ssl.wrap_socket" && Literals.KeywordArgument(call, "ssl_version") is null
            && (context.BanditCompatible || (!Literals.HasDoubleStar(call) && call.Args.Count < 6)))
        {
            context.Report(this, call, "ssl.wrap_socket without ssl_version leaves the protocol to library defaults and checks no certificate; use ssl.create_default_context().wrap_socket");
        }
    }
}
