using System.Collections.Frozen;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B323: SSL context that skips certificate checks.</summary>
public sealed class UnverifiedSslContext : BlacklistedCallRule
{
    private static readonly FrozenSet<string> Names = Set("ssl._create_unverified_context");

    public override Rule Descriptor { get; } = Describe(
        "PY323", "unverified-ssl-context", "SSL context that skips certificate checks", Severity.Medium, Confidence.High, 295, "B323", "S323", """
        `ssl._create_unverified_context()` neither checks the certificate chain nor the host name: anyone on the
        path can impersonate the server.

        **Fix:** `ssl.create_default_context()` (add the private CA with `cafile=` if the server uses one).
        """);

    public override string BanditId => "B323";

    public override string BanditName => "unverified_context";

    protected override FrozenSet<string> Functions => Names;

    protected override string Message(string name, Call call, FileContext context) =>
        $"{name}() turns certificate and host name checks off; anyone on the network path can impersonate the server";
}
