using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;

namespace Kingsnake.Code.Rules;

/// <summary>B406: xml.sax imported (a hint to review how it is used).</summary>
public sealed class XmlSaxImport : BlacklistedImportRule
{
    private static readonly string[] Listed = ["xml.sax"];

    public override Rule Descriptor { get; } = Describe(
        "PY406", "xml-sax-import", "xml.sax imported", Severity.Low, Confidence.High, 20, "B406", "S406", """
        The standard library SAX parser is open to entity-expansion attacks on untrusted XML. A review hint; PY317
        reports the parse calls.

        **Fix:** use `defusedxml.sax` for XML from outside.

        **Differs from Bandit:** Bandit matches on the text prefix of the imported name and reports only the first
        blacklist entry a statement matches; Kingsnake matches whole module names and reports each rule.
        
        **Default mode:** reported only with `--compat bandit`; Kingsnake judges each call where it is made (PY313–PY320).
        """);

    public override string BanditId => "B406";

    public override string BanditName => "import_xml_sax";

    protected override string? JudgedAtCallsBy => "PY313–PY320";

    protected override string[] Modules => Listed;

    protected override string Reason(string module) => "its parser expands entities, so untrusted XML should go through defusedxml.sax";
}
