using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;

namespace Kingsnake.Code.Rules;

/// <summary>B407: xml.dom.expatbuilder imported (a hint to review how it is used).</summary>
public sealed class XmlExpatImport : BlacklistedImportRule
{
    private static readonly string[] Listed = ["xml.dom.expatbuilder"];

    public override Rule Descriptor { get; } = Describe(
        "PY407", "xml-expat-import", "xml.dom.expatbuilder imported", Severity.Low, Confidence.High, 20, "B407", "S407", """
        `xml.dom.expatbuilder` is open to entity-expansion attacks on untrusted XML. A review hint; PY316 reports
        the parse calls.

        **Fix:** use `defusedxml.expatbuilder` for XML from outside.

        **Differs from Bandit:** Bandit matches on the text prefix of the imported name and reports only the first
        blacklist entry a statement matches; Kingsnake matches whole module names and reports each rule.
        
        **Default mode:** reported only with `--compat bandit`; Kingsnake judges each call where it is made (PY313–PY320).
        """);

    public override string BanditId => "B407";

    public override string BanditName => "import_xml_expat";

    protected override string? JudgedAtCallsBy => "PY313–PY320";

    protected override string[] Modules => Listed;

    protected override string Reason(string module) => "its parser expands entities, so untrusted XML should go through defusedxml.expatbuilder";
}
