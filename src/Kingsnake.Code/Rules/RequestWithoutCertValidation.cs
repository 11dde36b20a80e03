using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B501: requests/httpx told not to verify TLS certificates.</summary>
public sealed class RequestWithoutCertValidation : CodeRule
{
    private static readonly NodeKind[] Kinds = [NodeKind.Call, NodeKind.Assign];

    public override Rule Descriptor { get; } = Describe(
        "PY501", "request-without-cert-validation", "TLS certificate checks turned off", Severity.High, Confidence.High, 295, "B501", "S501", """
        `verify=False` turns off TLS certificate validation: anyone on the network path can impersonate the server,
        read and change the traffic.

        **Fix:** remove `verify=False`; for a private CA pass its bundle: `verify="/path/to/ca.pem"`.

        **Differs from Bandit:** a `requests.Session` made in the same function or module is judged too: a request
        through it with `verify=False` (`s = requests.Session()` then `s.get(url, verify=False)`), and `s.verify = False`,
        which turns the checks off for every request of the session.
        """);

    public override string BanditId => "B501";

    public override string BanditName => "request_with_no_cert_validation";

    public override IReadOnlyList<NodeKind> NodeKinds => Kinds;

    public override void Check(Node node, FileContext context)
    {
        if (node is Call call)
        {
            CheckCall(call, context.CallName(call), context);
        }
        else if (node is Assign { Value: Constant { Value.Kind: ConstantKind.False } } assign)
        {
            foreach (var target in assign.Targets)
            {
                if (target is Kingsnake.Python.Ast.Attribute { Value: Name owner, Attr: "verify" } && HttpClients.Client(owner.Id, context) is { Library: "requests" } session)
                {
                    context.Report(this, assign, $"{owner.Id}.verify = False turns off TLS certificate checks for every request of the {session.Constructor}() of line {session.Construction.Lineno}, so anyone on the network path can pose as the server");
                }
            }
        }
    }

    private void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        var name = qualifiedName ?? (context.BanditCompatible ? Literals.DottedText(call.Func) : null);
        if (name is null || HttpClients.Library(name, context.BanditCompatible) is null)
        {
            // a session's request takes verify= as requests.get does; an httpx client's methods take none (the
            // client's own verify=False is reported at its constructor)
            if (HttpClients.ClientMethod(call, context) is { Library: "requests" } client && IsVerifyFalse(call))
            {
                context.Report(this, call, $"{client.Call} (on the {client.Constructor}() of line {client.Construction.Lineno}) passes verify=False: the TLS certificate is not checked, so anyone on the network path can pose as the server");
            }

            return;
        }

        if (IsVerifyFalse(call))
        {
            context.Report(this, call, $"{name} passes verify=False: the TLS certificate is not checked, so anyone on the network path can pose as the server");
        }
    }

    private static bool IsVerifyFalse(Call call) => Literals.KeywordArgument(call, "verify")?.Value is Constant { Value.Kind: ConstantKind.False };
}
