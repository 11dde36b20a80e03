using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;

namespace Kingsnake.Code.Rules;

/// <summary>B408: xml.dom.minidom imported (a hint to review how it is used).</summary>
public sealed class XmlMinidomImport : BlacklistedImportRule
{
    private static readonly string[] Listed = ["xml.dom.minidom"];

    public override Rule Descriptor { get; } = Describe(
        "PY408", "xml-minidom-import", "xml.dom.minidom imported", Severity.Low, Confidence.High, 20, "B408", "S408", """
        `xml.dom.minidom` is open to entity-expansion attacks on untrusted XML. A review hint; PY318 reports the
        parse calls.

        **Fix:** use `defusedxml.minidom` for XML from outside.

        **Differs from Bandit:** Bandit matches on the text prefix of the imported name and reports only the first
        blacklist entry a statement matches; Kingsnake matches whole module names and reports each rule.
        
        **Default mode:** reported only with `--compat bandit`; Kingsnake judges each call where it is made (PY313–PY320).
        """);

    public override string BanditId => "B408";

    public override string BanditName => "import_xml_minidom";

    protected override string? JudgedAtCallsBy => "PY313–PY320";

    protected override string[] Modules => Listed;

    protected override string Reason(string module) => "its parser expands entities, so untrusted XML should go through defusedxml.minidom";
}
