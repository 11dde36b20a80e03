using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;
using PyAttribute = Kingsnake.Python.Ast.Attribute;
using PyList = Kingsnake.Python.Ast.List;

namespace Kingsnake.Code.Rules;

/// <summary>B610: Django's <c>QuerySet.extra</c> given SQL that is not a literal.</summary>
public sealed class DjangoExtra : CallRule
{
    private static readonly string[] Positions = ["select", "where", "params", "tables", "order_by", "select_params"];

    public override Rule Descriptor { get; } = Describe(
        "PY610", "django-extra", "Django QuerySet.extra with built SQL", Severity.Medium, Confidence.Medium, 89, "B610", "S610", """
        `QuerySet.extra()` splices its `select`, `where` and `tables` text into the SQL as written: a value built
        from input there is SQL injection. Values passed through `params`/`select_params` are safe.

        **Fix:** keep the SQL fragments literal and pass values with `params=[...]`, or use query expressions
        (`annotate`, `F`, `Func`) instead of `extra`.

        **Differs from Bandit:** Bandit reports any `.extra(...)` method call; Kingsnake needs `django` imported.
        """);

    public override string BanditId => "B610";

    public override string BanditName => "django_extra_used";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        if (call.Func is not PyAttribute { Attr: "extra" } || (!context.BanditCompatible && !context.Imports("django")))
        {
            return;
        }

        var arguments = new Dictionary<string, ExprNode>(StringComparer.Ordinal);
        foreach (var keyword in call.Keywords)
        {
            if (keyword.Arg is { } name)
            {
                arguments[name] = keyword.Value;
            }
        }

        for (var i = 0; i < call.Args.Count && i < Positions.Length; i++)
        {
            arguments[Positions[i]] = call.Args[i];
        }

        foreach (var key in new[] { "where", "tables" })
        {
            if (arguments.TryGetValue(key, out var value) && (value is not PyList list || list.Elts.FirstOrDefault(e => !Literals.IsStr(e)) is not null))
            {
                var part = value is PyList items ? items.Elts.First(e => !Literals.IsStr(e)) : value;
                Report(call, key, part, context);
                return;
            }
        }

        if (arguments.TryGetValue("select", out var select))
        {
            var part = select is Dict dict
                ? (ExprNode?)dict.Keys.FirstOrDefault(k => k is not Constant) ?? dict.Values.FirstOrDefault(v => v is not Constant)
                : select;
            if (part is not null || select is Dict { Keys: var keys } && keys.Any(k => k is null))
            {
                Report(call, "select", part ?? select, context);
            }
        }
    }

    private void Report(Call call, string key, ExprNode part, FileContext context) =>
        context.Report(this, call, $"{MessageText.Callee(call)} puts {MessageText.Origin(part)} into the SQL as {key}=; values belong in params=");
}
