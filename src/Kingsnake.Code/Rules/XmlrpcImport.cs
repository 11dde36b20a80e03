using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;

namespace Kingsnake.Code.Rules;

/// <summary>B411: xmlrpc imported (a hint to review how it is used).</summary>
public sealed class XmlrpcImport : BlacklistedImportRule
{
    private static readonly string[] Listed = ["xmlrpc"];

    public override Rule Descriptor { get; } = Describe(
        "PY411", "xmlrpc-import", "xmlrpc imported", Severity.High, Confidence.High, 20, "B411", "S411", """
        `xmlrpc` clients and servers parse XML from the other side with the standard, entity-expanding parser.

        **Fix:** call `defusedxml.xmlrpc.monkey_patch()` at start-up, or use another protocol.

        **Differs from Bandit:** Bandit matches on the text prefix of the imported name and reports only the first
        blacklist entry a statement matches; Kingsnake matches whole module names and reports each rule.
        
        **Default mode:** reported only with `--compat bandit`. On the Pythons still supported, the bundled expat
        (2.4.1 and later) refuses entity-expansion bombs, external entities are never fetched, and `xmlrpc.client`
        caps gzip-decoded responses, so the attacks defusedxml guards against no longer apply to a plain import.
        """);

    public override string BanditId => "B411";

    public override string BanditName => "import_xmlrpclib";

    // No call rule: the parser's own defences are what protect xmlrpc on supported Pythons (see the help).
    protected override string? JudgedAtCallsBy => "the expat defaults of supported Pythons";

    protected override string[] Modules => Listed;

    protected override string Reason(string module) => "XML-RPC parses request and response XML with an entity-expanding parser";
}
