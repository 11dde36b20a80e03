using System.Collections.Frozen;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B321: Unencrypted FTP connection.</summary>
public sealed class FtpCall : BlacklistedCallRule
{
    private static readonly FrozenSet<string> Names = Set("ftplib.FTP");

    public override Rule Descriptor { get; } = Describe(
        "PY321", "ftp", "Unencrypted FTP connection", Severity.High, Confidence.High, 319, "B321", "S321", """
        Plain FTP sends the login, the password and the files unencrypted.

        **Fix:** use SFTP (`paramiko`) or FTP over TLS (`ftplib.FTP_TLS` with `prot_p()`).
        """);

    public override string BanditId => "B321";

    public override string BanditName => "ftplib";

    protected override FrozenSet<string> Functions => Names;

    protected override string Message(string name, Call call, FileContext context) =>
        $"{name}{FirstArgument(call)} opens a plain FTP session; the login, password and files travel in clear text";
}
