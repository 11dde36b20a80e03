using System.Collections.Frozen;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B313: untrusted XML parsed with `xml.etree.cElementTree`.</summary>
public sealed class XmlCElementTree : BlacklistedCallRule
{
    private static readonly FrozenSet<string> Names = Set("xml.etree.cElementTree.parse", "xml.etree.cElementTree.iterparse", "xml.etree.cElementTree.fromstring", "xml.etree.cElementTree.XMLParser");

    public override Rule Descriptor { get; } = Describe(
        "PY313", "xml-celementtree", "XML parsed with xml.etree.cElementTree", Severity.Medium, Confidence.High, 20, "B313", "S313", """
        The standard library's `xml.etree.cElementTree` parser expands entities: crafted XML can exhaust memory and CPU
        ("billion laughs", quadratic blowup). Older expat versions are worse. This matters whenever the XML comes
        from outside the program.

        **Fix:** parse untrusted XML with `defusedxml.ElementTree` (same API, hardened), or make sure the input is trusted.
        """);

    public override string BanditId => "B313";

    public override string BanditName => "xml_bad_cElementTree";

    protected override FrozenSet<string> Functions => Names;

    protected override string Message(string name, Call call, FileContext context) =>
        $"{name}{FirstArgument(call)} parses XML with an entity-expanding parser; for untrusted input use defusedxml.ElementTree";
}
