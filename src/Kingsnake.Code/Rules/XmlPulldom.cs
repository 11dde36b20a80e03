using System.Collections.Frozen;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B319: untrusted XML parsed with `xml.dom.pulldom`.</summary>
public sealed class XmlPulldom : BlacklistedCallRule
{
    private static readonly FrozenSet<string> Names = Set("xml.dom.pulldom.parse", "xml.dom.pulldom.parseString");

    public override Rule Descriptor { get; } = Describe(
        "PY319", "xml-pulldom", "XML parsed with xml.dom.pulldom", Severity.Medium, Confidence.High, 20, "B319", "S319", """
        The standard library's `xml.dom.pulldom` parser expands entities: crafted XML can exhaust memory and CPU
        ("billion laughs", quadratic blowup). Older expat versions are worse. This matters whenever the XML comes
        from outside the program.

        **Fix:** parse untrusted XML with `defusedxml.pulldom` (same API, hardened), or make sure the input is trusted.
        """);

    public override string BanditId => "B319";

    public override string BanditName => "xml_bad_pulldom";

    protected override FrozenSet<string> Functions => Names;

    protected override string Message(string name, Call call, FileContext context) =>
        $"{name}{FirstArgument(call)} parses XML with an entity-expanding parser; for untrusted input use defusedxml.pulldom";
}
