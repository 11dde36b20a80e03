using System.Collections.Frozen;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B318: untrusted XML parsed with `xml.dom.minidom`.</summary>
public sealed class XmlMinidom : BlacklistedCallRule
{
    private static readonly FrozenSet<string> Names = Set("xml.dom.minidom.parse", "xml.dom.minidom.parseString");

    public override Rule Descriptor { get; } = Describe(
        "PY318", "xml-minidom", "XML parsed with xml.dom.minidom", Severity.Medium, Confidence.High, 20, "B318", "S318", """
        The standard library's `xml.dom.minidom` parser expands entities: crafted XML can exhaust memory and CPU
        ("billion laughs", quadratic blowup). Older expat versions are worse. This matters whenever the XML comes
        from outside the program.

        **Fix:** parse untrusted XML with `defusedxml.minidom` (same API, hardened), or make sure the input is trusted.
        """);

    public override string BanditId => "B318";

    public override string BanditName => "xml_bad_minidom";

    protected override FrozenSet<string> Functions => Names;

    protected override string Message(string name, Call call, FileContext context) =>
        $"{name}{FirstArgument(call)} parses XML with an entity-expanding parser; for untrusted input use defusedxml.minidom";
}
