using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;
using PyAttribute = Kingsnake.Python.Ast.Attribute;

namespace Kingsnake.Code.Rules;

/// <summary>B611: Django's <c>RawSQL</c> given SQL that is not a literal.</summary>
public sealed class DjangoRawSql : CallRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY611", "django-rawsql", "Django RawSQL with built SQL", Severity.Medium, Confidence.Medium, 89, "B611", "S611", """
        `RawSQL(sql, params)` puts its first argument into the query as written: SQL built from input is SQL
        injection. Values passed in `params` are safe.

        **Fix:** keep the SQL literal with `%s` placeholders and pass the values as `params`.

        **Differs from Bandit:** Bandit needs only some imported name containing `django.db.models`; Kingsnake
        needs the `RawSQL` call to resolve to `django.db.models.expressions.RawSQL` (or its `django.db.models`
        re-export).
        """);

    public override string BanditId => "B611";

    public override string BanditName => "django_rawsql_used";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        bool isRawSql;
        if (context.BanditCompatible)
        {
            isRawSql = call.Func is Name { Id: "RawSQL" } or PyAttribute { Attr: "RawSQL" }
                && context.ImportedNames.Any(n => n.Contains("django.db.models", StringComparison.Ordinal));
        }
        else
        {
            isRawSql = qualifiedName is "django.db.models.RawSQL" or "django.db.models.expressions.RawSQL";
        }

        var sql = call.Args.Count > 0 ? call.Args[0] : Literals.KeywordArgument(call, "sql")?.Value;
        if (isRawSql && sql is not null && !Literals.IsStr(sql))
        {
            context.Report(this, call, $"RawSQL puts {MessageText.Origin(sql)} into the query as written; keep the SQL literal and pass values as params");
        }
    }
}
