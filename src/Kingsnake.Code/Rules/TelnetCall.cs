using System.Collections.Frozen;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B312: Telnet connection.</summary>
public sealed class TelnetCall : BlacklistedCallRule
{
    private static readonly FrozenSet<string> Names = Set("telnetlib.Telnet");

    public override Rule Descriptor { get; } = Describe(
        "PY312", "telnet", "Telnet connection", Severity.High, Confidence.High, 319, "B312", "S312", """
        Telnet sends everything, login and password included, unencrypted.

        **Fix:** use SSH (`paramiko`, `asyncssh`) or another encrypted protocol.
        """);

    public override string BanditId => "B312";

    public override string BanditName => "telnetlib";

    protected override FrozenSet<string> Functions => Names;

    protected override string Message(string name, Call call, FileContext context) =>
        $"{name}{FirstArgument(call)} opens an unencrypted Telnet session; credentials and data travel in clear text";
}
