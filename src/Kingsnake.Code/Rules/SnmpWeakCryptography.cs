using Kingsnake.Code.Engine;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B509: SNMPv3 user without authentication and privacy keys.</summary>
public sealed class SnmpWeakCryptography : CallRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY509", "snmp-weak-cryptography", "SNMPv3 user without encryption", Severity.Medium, Confidence.High, 319, "B509", "S509", """
        A `UsmUserData` without an authentication key and a privacy key sends SNMPv3 messages unauthenticated
        (noAuthNoPriv) or unencrypted (authNoPriv).

        **Fix:** pass both keys: `UsmUserData(user, authKey, privKey, authProtocol=usmHMACSHAAuthProtocol,
        privProtocol=usmAesCfb128Protocol)`.

        **Differs from Bandit:** Bandit counts positional arguments only, so keys passed as `authKey=`/`privKey=`
        are still reported; Kingsnake counts those keywords.
        """);

    public override string BanditId => "B509";

    public override string BanditName => "snmp_weak_cryptography";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        qualifiedName = JudgedName(call, qualifiedName, context);
        if (qualifiedName != "pysnmp.hlapi.UsmUserData")
        {
            return;
        }

        var hasPrivacyKey = call.Args.Count >= 3 || (!context.BanditCompatible && (Literals.KeywordArgument(call, "privKey") is not null || Literals.HasDoubleStar(call)));
        if (!hasPrivacyKey)
        {
            var hasAuthKey = call.Args.Count >= 2 || Literals.KeywordArgument(call, "authKey") is not null;
            var level = hasAuthKey ? "authenticated but not encrypted (no privKey)" : "neither authenticated nor encrypted (no authKey, no privKey)";
            context.Report(this, call, $"pysnmp.hlapi.UsmUserData makes SNMPv3 messages {level}");
        }
    }
}
