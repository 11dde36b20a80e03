using System.Collections.Frozen;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B316: untrusted XML parsed with `xml.dom.expatbuilder`.</summary>
public sealed class XmlExpatBuilder : BlacklistedCallRule
{
    private static readonly FrozenSet<string> Names = Set("xml.dom.expatbuilder.parse", "xml.dom.expatbuilder.parseString");

    public override Rule Descriptor { get; } = Describe(
        "PY316", "xml-expatbuilder", "XML parsed with xml.dom.expatbuilder", Severity.Medium, Confidence.High, 20, "B316", "S316", """
        The standard library's `xml.dom.expatbuilder` parser expands entities: crafted XML can exhaust memory and CPU
        ("billion laughs", quadratic blowup). Older expat versions are worse. This matters whenever the XML comes
        from outside the program.

        **Fix:** parse untrusted XML with `defusedxml.expatbuilder` (same API, hardened), or make sure the input is trusted.
        """);

    public override string BanditId => "B316";

    public override string BanditName => "xml_bad_expatbuilder";

    protected override FrozenSet<string> Functions => Names;

    protected override string Message(string name, Call call, FileContext context) =>
        $"{name}{FirstArgument(call)} parses XML with an entity-expanding parser; for untrusted input use defusedxml.expatbuilder";
}
