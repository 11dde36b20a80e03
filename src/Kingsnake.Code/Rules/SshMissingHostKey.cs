using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;
using PyAttribute = Kingsnake.Python.Ast.Attribute;

namespace Kingsnake.Code.Rules;

/// <summary>B507: paramiko told to accept unknown SSH host keys.</summary>
public sealed class SshMissingHostKey : CallRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY507", "ssh-no-host-key-verification", "SSH client accepts unknown host keys", Severity.High, Confidence.Medium, 295, "B507", "S507", """
        `AutoAddPolicy` and `WarningPolicy` accept any host key the server presents, so a machine in the middle can
        pose as the server and read the password and the session.

        **Fix:** load known hosts (`client.load_system_host_keys()` or `load_host_keys(path)`) and keep the default
        `RejectPolicy`.

        **Differs from Bandit:** Bandit needs only some imported name containing `paramiko`; Kingsnake needs
        `paramiko` itself (or a submodule) imported.
        """);

    public override string BanditId => "B507";

    public override string BanditName => "ssh_no_host_key_verification";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        if (call.Func is not PyAttribute { Attr: "set_missing_host_key_policy" } || call.Args.Count == 0)
        {
            return;
        }

        var policy = call.Args[0] switch
        {
            PyAttribute attribute => attribute.Attr,
            Name name => name.Id,
            Call { Func: PyAttribute attribute } => attribute.Attr,
            Call { Func: Name name } => name.Id,
            _ => null,
        };
        var paramiko = context.BanditCompatible ? context.ImportedNames.Any(n => n.Contains("paramiko", StringComparison.Ordinal)) : context.Imports("paramiko");
        if (paramiko && policy is "AutoAddPolicy" or "WarningPolicy")
        {
            context.Report(this, call, $"{MessageText.Callee(call)}({policy}) accepts any host key, so a machine in the middle can pose as the server");
        }
    }
}
