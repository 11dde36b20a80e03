using Kingsnake.Code.Engine;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;
using PyAttribute = Kingsnake.Python.Ast.Attribute;

namespace Kingsnake.Code.Rules.Beyond;

/// <summary>
/// An XML-RPC server's <c>register_instance(obj, allow_dotted_names=True)</c>: remote callers can walk attributes from
/// the instance to module globals (CVE-2005-0089, the SimpleXMLRPCServer flaw the flag was introduced to close).
/// </summary>
public sealed class XmlrpcDottedNames : CallRule
{
    public override Rule Descriptor { get; } = DescribeOwn(
        "PY806", "xmlrpc-dotted-names", "XML-RPC server resolves dotted method names", Severity.High, Confidence.High, 749, null, """
        With `allow_dotted_names=True`, `SimpleXMLRPCServer`/`DocXMLRPCServer` (and `SimpleXMLRPCDispatcher`)
        resolve a method name like `a.b.c` by walking attributes of the registered instance, so a remote caller can
        reach the instance's module globals and, from there, run code. This is CVE-2005-0089: the parameter was
        added, off by default, as its fix, and Python's documentation warns against turning it on. PY411
        (Bandit B411) reports every `xmlrpc` import; this rule reports the one setting that opens the server up.

        **Fix:** leave `allow_dotted_names` off and register the functions to expose with `register_function`, or
        give the instance a `_dispatch` method that allows a fixed list of names.
        """);

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        if (call.Func is not PyAttribute { Attr: "register_instance" })
        {
            return;
        }

        // CVE-2005-0089
        var flag = Literals.KeywordArgument(call, "allow_dotted_names")?.Value ?? (call.Args.Count > 1 ? call.Args[1] : null);
        if (flag is not null && Literals.Truthiness(flag) == true)
        {
            context.Report(this, call, "register_instance with allow_dotted_names=True lets remote callers walk from the instance to module globals (CVE-2005-0089)");
        }
    }
}
