using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B501: requests/httpx told not to verify TLS certificates.</summary>
public sealed class RequestWithoutCertValidation : CallRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY501", "request-without-cert-validation", "TLS certificate checks turned off", Severity.High, Confidence.High, 295, "B501", "S501", """
        `verify=False` turns off TLS certificate validation: anyone on the network path can impersonate the server,
        read and change the traffic.

        **Fix:** remove `verify=False`; for a private CA pass its bundle: `verify="/path/to/ca.pem"`.
        """);

    public override string BanditId => "B501";

    public override string BanditName => "request_with_no_cert_validation";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        var name = qualifiedName ?? (context.BanditCompatible ? Literals.DottedText(call.Func) : null);
        if (name is null || HttpClients.Library(name, context.BanditCompatible) is not { } library)
        {
            return;
        }

        if (Literals.KeywordArgument(call, "verify")?.Value is Constant { Value.Kind: ConstantKind.False })
        {
            context.Report(this, call, $"{name} passes verify=False: the TLS certificate is not checked, so anyone on the network path can pose as the server");
        }
    }
}
