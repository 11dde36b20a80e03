using System.Collections.Frozen;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B314: untrusted XML parsed with `xml.etree.ElementTree`.</summary>
public sealed class XmlElementTree : BlacklistedCallRule
{
    private static readonly FrozenSet<string> Names = Set("xml.etree.ElementTree.parse", "xml.etree.ElementTree.iterparse", "xml.etree.ElementTree.fromstring", "xml.etree.ElementTree.XMLParser");

    public override Rule Descriptor { get; } = Describe(
        "PY314", "xml-elementtree", "XML parsed with xml.etree.ElementTree", Severity.Medium, Confidence.High, 20, "B314", "S314", """
        The standard library's `xml.etree.ElementTree` parser expands entities: crafted XML can exhaust memory and CPU
        ("billion laughs", quadratic blowup). Older expat versions are worse. This matters whenever the XML comes
        from outside the program.

        **Fix:** parse untrusted XML with `defusedxml.ElementTree` (same API, hardened), or make sure the input is trusted.
        """);

    public override string BanditId => "B314";

    public override string BanditName => "xml_bad_ElementTree";

    protected override FrozenSet<string> Functions => Names;

    protected override string Message(string name, Call call, FileContext context) =>
        $"{name}{FirstArgument(call)} parses XML with an entity-expanding parser; for untrusted input use defusedxml.ElementTree";
}
