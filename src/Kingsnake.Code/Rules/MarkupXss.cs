using Kingsnake.Code.Analysis;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B704: <c>markupsafe.Markup</c> wrapped around text that is not a literal.</summary>
public sealed class MarkupXss : CallRule
{
    private const string Section = "markupsafe_xss";

    public override Rule Descriptor { get; } = Describe(
        "PY704", "markup-xss", "Markup() on a value that may hold user text", Severity.Medium, Confidence.High, 79, "B704", "S704", """
        `Markup(text)` declares the text already-safe HTML, so Jinja2 and Flask insert it unescaped: user text in it
        is cross-site scripting.

        **Fix:** let the template escape the value, or build the HTML with `Markup("<b>{}</b>").format(value)` /
        `markupsafe.escape(value)`, which escape their arguments. Configure `[markupsafe_xss]` `allowed_calls` with
        sanitisers whose output may be wrapped (for example `bleach.clean`) and `extend_markup_names` with other
        Markup-like classes.
        
        **Differs from Bandit:** Kingsnake reports only markup built at the call with values formatted in
        (`Markup(f"<b>{name}</b>")`, `%`, `+`, `.format`), the pattern that lets user text through unescaped; wrapping
        an existing value is how escaping libraries and filters pass text on, and is left to review.
        """);

    public override string BanditId => "B704";

    public override string BanditName => "markupsafe_markup_xss";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        qualifiedName = JudgedName(call, qualifiedName, context);
        if (qualifiedName is null || (qualifiedName is not ("markupsafe.Markup" or "flask.Markup")
            && context.Settings.Option(Section, "extend_markup_names")?.Contains(qualifiedName) != true))
        {
            return;
        }

        var text = call.Args.Count > 0 ? call.Args[0] : null;
        if (text is null or Constant)
        {
            return;
        }

        if (!context.BanditCompatible && !ConstantFolding.IsFormatted(text))
        {
            // Markup(value) declares an existing value safe, as an escaping library or a filter that receives
            // already-escaped text must; the cross-site scripting pattern is markup built here with text formatted
            // into it.
            return;
        }

        if (text is Call inner && context.QualifiedName(inner.Func) is { } sanitizer
            && context.Settings.Option(Section, "allowed_calls")?.Contains(sanitizer) == true)
        {
            return;
        }

        context.Report(this, call, $"{qualifiedName}({MessageText.Excerpt(context, text, 40)}) marks {MessageText.Origin(text)} as safe HTML; user text in it is cross-site scripting");
    }
}
