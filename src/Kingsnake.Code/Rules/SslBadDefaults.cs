using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B503: a function whose parameter defaults to a broken SSL/TLS protocol version.</summary>
public sealed class SslBadDefaults : CodeRule
{
    private static readonly NodeKind[] Kinds = [NodeKind.FunctionDef, NodeKind.AsyncFunctionDef];

    public override Rule Descriptor { get; } = Describe(
        "PY503", "ssl-bad-default-version", "Parameter defaults to a broken SSL/TLS version", Severity.Medium, Confidence.Medium, 327, "B503", "S503", """
        A parameter whose default is SSL 2/3 or TLS 1.0/1.1 makes every caller that does not pass a value connect
        with a protocol version that has practical attacks.

        **Fix:** default to `ssl.PROTOCOL_TLS_CLIENT` (or `None`, then build the context with
        `ssl.create_default_context()`).

        **Differs from Bandit:** Bandit reads positional-parameter defaults of plain `def`s only; Kingsnake also
        reads keyword-only defaults and `async def`.
        """);

    public override string BanditId => "B503";

    public override string BanditName => "ssl_with_bad_defaults";

    public override IReadOnlyList<NodeKind> NodeKinds => Kinds;

    public override void Check(Node node, FileContext context)
    {
        var (name, arguments) = node switch
        {
            FunctionDef f => (f.Name, f.Args),
            AsyncFunctionDef f when !context.BanditCompatible => (f.Name, f.Args),
            _ => (null, null),
        };
        if (arguments is null)
        {
            return;
        }

        var defaults = context.BanditCompatible ? arguments.Defaults : [.. arguments.Defaults, .. arguments.KwDefaults.OfType<ExprNode>()];
        foreach (var value in defaults)
        {
            if (Literals.LastName(value) is { } constant && TlsVersions.IsBad(constant))
            {
                context.Report(this, node, $"function {name} has a parameter defaulting to {constant} ({TlsVersions.Protocol(constant)}), a protocol version with practical attacks", suppressionRange: node);
                return;
            }
        }
    }
}
