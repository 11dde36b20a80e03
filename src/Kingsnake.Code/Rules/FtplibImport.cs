using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;

namespace Kingsnake.Code.Rules;

/// <summary>B402: ftplib imported (a hint to review how it is used).</summary>
public sealed class FtplibImport : BlacklistedImportRule
{
    private static readonly string[] Listed = ["ftplib"];

    public override Rule Descriptor { get; } = Describe(
        "PY402", "ftplib-import", "ftplib imported", Severity.High, Confidence.High, 319, "B402", "S402", """
        Plain FTP is unencrypted: the login, the password and the files can be read on the network.

        **Fix:** use SFTP (`paramiko`) or `ftplib.FTP_TLS` with `prot_p()`.

        **Differs from Bandit:** Bandit matches on the text prefix of the imported name and reports only the first
        blacklist entry a statement matches; Kingsnake matches whole module names and reports each rule.
        
        **Default mode:** reported only with `--compat bandit`; Kingsnake judges each call where it is made (PY321).
        """);

    public override string BanditId => "B402";

    public override string BanditName => "import_ftplib";

    protected override string? JudgedAtCallsBy => "PY321";

    protected override string[] Modules => Listed;

    protected override string Reason(string module) => "plain FTP sends credentials and files in clear text (FTP_TLS or SFTP encrypt them)";
}
