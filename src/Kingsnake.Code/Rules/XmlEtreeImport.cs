using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;

namespace Kingsnake.Code.Rules;

/// <summary>B405: xml.etree imported (a hint to review how it is used).</summary>
public sealed class XmlEtreeImport : BlacklistedImportRule
{
    private static readonly string[] Listed = ["xml.etree.cElementTree", "xml.etree.ElementTree"];

    public override Rule Descriptor { get; } = Describe(
        "PY405", "xml-etree-import", "xml.etree imported", Severity.Low, Confidence.High, 20, "B405", "S405", """
        The standard library ElementTree parser is open to entity-expansion attacks on untrusted XML. A review hint;
        PY313/PY314 report the parse calls.

        **Fix:** `import defusedxml.ElementTree as ET` for XML from outside.

        **Differs from Bandit:** Bandit matches on the text prefix of the imported name and reports only the first
        blacklist entry a statement matches; Kingsnake matches whole module names and reports each rule.
        
        **Default mode:** reported only with `--compat bandit`; Kingsnake judges each call where it is made (PY313–PY320).
        """);

    public override string BanditId => "B405";

    public override string BanditName => "import_xml_etree";

    protected override string? JudgedAtCallsBy => "PY313–PY320";

    protected override string[] Modules => Listed;

    protected override string Reason(string module) => "its parser expands entities, so untrusted XML should go through defusedxml.ElementTree";
}
