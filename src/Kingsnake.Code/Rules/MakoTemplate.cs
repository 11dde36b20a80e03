using Kingsnake.Code.Engine;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B702: Mako templates, which do not escape HTML by default.</summary>
public sealed class MakoTemplate : CallRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY702", "mako-template", "Mako template without HTML escaping", Severity.Medium, Confidence.High, 80, "B702", "S702", """
        Mako renders `${value}` unescaped unless told otherwise: values from users in an HTML template are
        cross-site scripting.

        **Fix:** pass `default_filters=['h']` to `Template`/`TemplateLookup` (escapes every expression), or use
        Jinja2 with autoescaping.

        **Differs from Bandit:** Kingsnake does not report a `Template` given `default_filters` that include `h`.
        """);

    public override string BanditId => "B702";

    public override string BanditName => "use_of_mako_templates";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        qualifiedName = JudgedName(call, qualifiedName, context);
        if (qualifiedName is null || !qualifiedName.EndsWith(".Template", StringComparison.Ordinal))
        {
            return;
        }

        var isMako = context.BanditCompatible ? qualifiedName.Split('.').Contains("mako") : qualifiedName.StartsWith("mako.", StringComparison.Ordinal);
        if (isMako && (context.BanditCompatible || !EscapesHtml(call)))
        {
            context.Report(this, call, $"{qualifiedName} renders expressions without HTML escaping; user values in it are cross-site scripting (add default_filters=['h'])");
        }
    }

    private static bool EscapesHtml(Call call) =>
        Literals.KeywordArgument(call, "default_filters")?.Value is Kingsnake.Python.Ast.List list && list.Elts.Any(e => Literals.Text(e) == "h");
}
