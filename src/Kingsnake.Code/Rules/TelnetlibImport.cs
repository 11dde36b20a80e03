using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;

namespace Kingsnake.Code.Rules;

/// <summary>B401: telnetlib imported (a hint to review how it is used).</summary>
public sealed class TelnetlibImport : BlacklistedImportRule
{
    private static readonly string[] Listed = ["telnetlib"];

    public override Rule Descriptor { get; } = Describe(
        "PY401", "telnetlib-import", "telnetlib imported", Severity.High, Confidence.High, 319, "B401", "S401", """
        Telnet is unencrypted: logins, passwords and data can be read and changed on the network.

        **Fix:** use SSH (`paramiko`, `asyncssh`) instead.

        **Differs from Bandit:** Bandit matches on the text prefix of the imported name and reports only the first
        blacklist entry a statement matches; Kingsnake matches whole module names and reports each rule.
        
        **Default mode:** reported only with `--compat bandit`; Kingsnake judges each call where it is made (PY312).
        """);

    public override string BanditId => "B401";

    public override string BanditName => "import_telnetlib";

    protected override string? JudgedAtCallsBy => "PY312";

    protected override string[] Modules => Listed;

    protected override string Reason(string module) => "Telnet sends credentials and data in clear text";
}
