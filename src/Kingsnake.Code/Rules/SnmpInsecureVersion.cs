using Kingsnake.Code.Engine;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B508: SNMP v1 or v2c (community strings) selected with pysnmp.</summary>
public sealed class SnmpInsecureVersion : CallRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY508", "snmp-insecure-version", "SNMP v1/v2c community authentication", Severity.Medium, Confidence.High, 319, "B508", "S508", """
        SNMP v1 and v2c (`mpModel=0` or `1`) authenticate with a community string sent in clear text and encrypt
        nothing.

        **Fix:** use SNMPv3 with authentication and privacy (`UsmUserData(user, authKey, privKey, ...)`).
        """);

    public override string BanditId => "B508";

    public override string BanditName => "snmp_insecure_version";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        qualifiedName = JudgedName(call, qualifiedName, context);
        if (qualifiedName == "pysnmp.hlapi.CommunityData"
            && Literals.KeywordArgument(call, "mpModel")?.Value is Constant { Value: { Kind: ConstantKind.Int } model } && model.Integer <= 1 && model.Integer >= 0)
        {
            var version = model.Integer == 0 ? "v1" : "v2c";
            context.Report(this, call, $"pysnmp.hlapi.CommunityData(mpModel={model.Integer}) selects SNMP {version}, whose community string travels in clear text");
        }
    }
}
