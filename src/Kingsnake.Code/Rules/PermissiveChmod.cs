using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;
using PyAttribute = Kingsnake.Python.Ast.Attribute;

namespace Kingsnake.Code.Rules;

/// <summary>B103: <c>chmod</c> with a mode that lets the group or others write or execute the file.</summary>
public sealed class PermissiveChmod : CallRule
{
    private const int OtherWrite = 0b000_000_010;
    private const int Dangerous = 0b000_011_011; // g+w, g+x, o+w, o+x

    public override Rule Descriptor { get; } = Describe(
        "PY103", "permissive-chmod", "File mode lets other users write or execute", Severity.Medium, Confidence.High, 732, "B103", "S103", """
        A mode that grants the group or everyone write or execute permission lets other local users change the
        file (or the program that runs it) or run it. World-writable is graded high, the rest medium.

        **Fix:** grant only the owner what it needs (`0o600` for data, `0o700` or `0o755` only for programs meant
        for everyone), or set a restrictive umask.

        **Differs from Bandit:** Bandit takes any call whose name contains `chmod` with exactly two positional
        arguments; Kingsnake takes `os.chmod`/`os.lchmod`/`os.fchmod` (mode positional or `mode=`) and the one-argument
        `Path.chmod(mode)` method.
        """);

    public override string BanditId => "B103";

    public override string BanditName => "set_bad_file_permissions";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        ExprNode? target;
        ExprNode? mode;
        if (context.BanditCompatible)
        {
            var function = call.Func switch
            {
                Name name => name.Id,
                PyAttribute attribute => attribute.Attr,
                _ => null,
            };
            if (function is null || !function.Contains("chmod", StringComparison.Ordinal) || call.Args.Count != 2)
            {
                return;
            }

            (target, mode) = (call.Args[0], call.Args[1]);
        }
        else if (qualifiedName is "os.chmod" or "os.lchmod" or "os.fchmod")
        {
            target = call.Args.Count > 0 ? call.Args[0] : (Literals.KeywordArgument(call, "path") ?? Literals.KeywordArgument(call, "fd"))?.Value;
            mode = call.Args.Count > 1 ? call.Args[1] : Literals.KeywordArgument(call, "mode")?.Value;
        }
        else if (qualifiedName is null && call.Func is PyAttribute { Attr: "chmod" or "lchmod", Value: var receiver } && call.Args.Count <= 1)
        {
            target = receiver;
            mode = call.Args.Count == 1 ? call.Args[0] : Literals.KeywordArgument(call, "mode")?.Value;
        }
        else
        {
            return;
        }

        if (mode is Constant { Value: { Kind: ConstantKind.Int } value } && value.Integer >= 0 && value.Integer <= 0xFFFF
            && ((int)value.Integer & Dangerous) is var granted and not 0)
        {
            var bits = (int)value.Integer;
            var who = (granted & OtherWrite) != 0 ? "lets every user write it" : "lets the group or other users " + Grants(granted);
            var file = target is null ? "" : " on " + MessageText.Origin(target);
            context.Report(this, call, $"{MessageText.Callee(call)} sets mode 0o{Convert.ToString(bits, 8)}{file}, which {who}",
                (granted & OtherWrite) != 0 ? Severity.High : Severity.Medium);
        }
    }

    private static string Grants(int granted) =>
        (granted & 0b000_010_000) != 0 ? "write it" : "execute it";
}
