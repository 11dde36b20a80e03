using Kingsnake.Code.Engine;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;
using PyAttribute = Kingsnake.Python.Ast.Attribute;

namespace Kingsnake.Code.Rules;

/// <summary>B701: a Jinja2 environment without HTML autoescaping.</summary>
public sealed class Jinja2AutoescapeOff : CallRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY701", "jinja2-autoescape-false", "Jinja2 environment without autoescaping", Severity.High, Confidence.High, 94, "B701", "S701", """
        Jinja2's `Environment` does not escape HTML unless `autoescape` is on: user values rendered into HTML
        templates become cross-site scripting. `autoescape=False` or a missing `autoescape` is graded high/high;
        another value that is neither `True` nor `select_autoescape(...)` is graded high/medium.

        **Fix:** `Environment(autoescape=select_autoescape())` (escapes `.html`/`.xml` templates) or
        `autoescape=True`.

        **Differs from Bandit:** Bandit looks at keywords anywhere inside the call (also in nested calls); Kingsnake
        looks at the call's own `autoescape=` and does not report a call that passes `**options`.
        """);

    public override string BanditId => "B701";

    public override string BanditName => "jinja2_autoescape_false";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        qualifiedName = JudgedName(call, qualifiedName, context);
        if (qualifiedName is null || !qualifiedName.EndsWith(".Environment", StringComparison.Ordinal)
            || !(context.BanditCompatible ? qualifiedName.Split('.').Contains("jinja2") : qualifiedName.StartsWith("jinja2.", StringComparison.Ordinal)))
        {
            return;
        }

        var autoescape = context.BanditCompatible ? FirstAutoescapeAnywhere(call) : Literals.KeywordArgument(call, "autoescape");
        if (autoescape is null)
        {
            if (context.BanditCompatible || !Literals.HasDoubleStar(call))
            {
                context.Report(this, call, $"{qualifiedName}() without autoescape= renders values into HTML unescaped (cross-site scripting); pass autoescape=select_autoescape()");
            }

            return;
        }

        switch (autoescape.Value)
        {
            case Constant { Value.Kind: ConstantKind.False } or Name { Id: "False" }:
                context.Report(this, call, $"{qualifiedName}(autoescape=False) renders values into HTML unescaped (cross-site scripting)");
                break;
            case Constant { Value.Kind: ConstantKind.True } or Name { Id: "True" }:
            case Call { Func: Name { Id: "select_autoescape" } or PyAttribute { Attr: "select_autoescape" } }:
                break;
            default:
                context.Report(this, call, $"{qualifiedName}(autoescape={context.TextOf(autoescape.Value)}) may turn HTML escaping off; use True or select_autoescape()", confidence: Confidence.Medium);
                break;
        }
    }

    /// <summary>Bandit walks every node of the call and stops at the first <c>autoescape</c> keyword it meets.</summary>
    private static Keyword? FirstAutoescapeAnywhere(Call call)
    {
        var pending = new Stack<Node>();
        pending.Push(call);
        var visited = 0;
        var queue = new Queue<Node>();
        queue.Enqueue(call);
        while (queue.Count > 0 && visited++ < 10_000)
        {
            var node = queue.Dequeue();
            if (node is Keyword { Arg: "autoescape" } keyword)
            {
                return keyword;
            }

            node.PushChildren(pending);
            var children = new List<Node>();
            while (pending.Count > 0)
            {
                children.Add(pending.Pop());
            }

            for (var i = children.Count - 1; i >= 0; i--)
            {
                queue.Enqueue(children[i]);
            }
        }

        return null;
    }
}
