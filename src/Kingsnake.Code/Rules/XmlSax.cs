using System.Collections.Frozen;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B317: untrusted XML parsed with `xml.sax`.</summary>
public sealed class XmlSax : BlacklistedCallRule
{
    private static readonly FrozenSet<string> Names = Set("xml.sax.parse", "xml.sax.parseString", "xml.sax.make_parser");

    public override Rule Descriptor { get; } = Describe(
        "PY317", "xml-sax", "XML parsed with xml.sax", Severity.Medium, Confidence.High, 20, "B317", "S317", """
        The standard library's `xml.sax` parser expands entities: crafted XML can exhaust memory and CPU
        ("billion laughs", quadratic blowup). Older expat versions are worse. This matters whenever the XML comes
        from outside the program.

        **Fix:** parse untrusted XML with `defusedxml.sax` (same API, hardened), or make sure the input is trusted.
        """);

    public override string BanditId => "B317";

    public override string BanditName => "xml_bad_sax";

    protected override FrozenSet<string> Functions => Names;

    protected override string Message(string name, Call call, FileContext context) =>
        $"{name}{FirstArgument(call)} parses XML with an entity-expanding parser; for untrusted input use defusedxml.sax";
}
