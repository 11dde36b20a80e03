using Kingsnake.Code.Engine;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;
using PyAttribute = Kingsnake.Python.Ast.Attribute;

namespace Kingsnake.Code.Rules.Beyond;

/// <summary>
/// A SAX parser told to resolve external entities (<c>setFeature(feature_external_ges, True)</c>): XML external entity
/// injection. CPython turned the feature off by default in 3.7.1 (bpo-17239) for this reason.
/// </summary>
public sealed class XmlSaxExternalEntities : CallRule
{
    private const string GeneralEntities = "http://xml.org/sax/features/external-general-entities";
    private const string ParameterEntities = "http://xml.org/sax/features/external-parameter-entities";

    public override Rule Descriptor { get; } = DescribeOwn(
        "PY807", "xml-sax-external-entities", "SAX parser resolves external entities", Severity.Medium, Confidence.High, 611, null, """
        `parser.setFeature(xml.sax.handler.feature_external_ges, True)` (or `feature_external_pes`) makes the SAX
        parser fetch the files and URLs that a document's entities name: a crafted document reads local files into
        the parsed output or makes the server request internal URLs (XXE). CPython disabled general external
        entities by default in 3.7.1 (bpo-17239) for this reason; turning them back on restores the hole. PY317
        and PY406 (Bandit B317/B406) report every `xml.sax` use; this rule reports the setting that makes it
        exploitable.

        **Fix:** leave the feature off; to parse untrusted XML use `defusedxml.sax`.
        """);

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        if (call.Func is not PyAttribute { Attr: "setFeature" } || call.Args.Count < 2 || Literals.Truthiness(call.Args[1]) != true)
        {
            return;
        }

        var feature = call.Args[0];
        var which = Literals.Text(feature) ?? context.QualifiedName(feature) switch
        {
            "xml.sax.handler.feature_external_ges" => GeneralEntities,
            "xml.sax.handler.feature_external_pes" => ParameterEntities,
            _ => null,
        };
        if (which is GeneralEntities or ParameterEntities)
        {
            var kind = which == GeneralEntities ? "general" : "parameter";
            context.Report(this, call, $"the SAX parser is told to resolve external {kind} entities: a crafted document can read local files or reach internal URLs (XXE); use defusedxml.sax");
        }
    }
}
