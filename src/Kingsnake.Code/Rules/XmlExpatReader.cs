using System.Collections.Frozen;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B315: untrusted XML parsed with `xml.sax.expatreader`.</summary>
public sealed class XmlExpatReader : BlacklistedCallRule
{
    private static readonly FrozenSet<string> Names = Set("xml.sax.expatreader.create_parser");

    public override Rule Descriptor { get; } = Describe(
        "PY315", "xml-expatreader", "XML parsed with xml.sax.expatreader", Severity.Medium, Confidence.High, 20, "B315", "S315", """
        The standard library's `xml.sax.expatreader` parser expands entities: crafted XML can exhaust memory and CPU
        ("billion laughs", quadratic blowup). Older expat versions are worse. This matters whenever the XML comes
        from outside the program.

        **Fix:** parse untrusted XML with `defusedxml.expatreader` (same API, hardened), or make sure the input is trusted.
        """);

    public override string BanditId => "B315";

    public override string BanditName => "xml_bad_expatreader";

    protected override FrozenSet<string> Functions => Names;

    protected override string Message(string name, Call call, FileContext context) =>
        $"{name}{FirstArgument(call)} parses XML with an entity-expanding parser; for untrusted input use defusedxml.expatreader";
}
