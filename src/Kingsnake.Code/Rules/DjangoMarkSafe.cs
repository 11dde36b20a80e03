using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;
using PyAttribute = Kingsnake.Python.Ast.Attribute;
using PyTuple = Kingsnake.Python.Ast.Tuple;

namespace Kingsnake.Code.Rules;

/// <summary>
/// B703: Django's <c>mark_safe</c> (and the <c>Safe*</c> string classes) on a value that local reading cannot show
/// to be built from literals only.
/// </summary>
public sealed class DjangoMarkSafe : CallRule
{
    private const int MaxDepth = 8;
    private static readonly string[] Functions = ["mark_safe", "SafeText", "SafeUnicode", "SafeString", "SafeBytes"];

    public override Rule Descriptor { get; } = Describe(
        "PY703", "django-mark-safe-xss", "mark_safe on a value not built from literals", Severity.Medium, Confidence.High, 80, "B703", null, """
        `mark_safe` and the `SafeString` family switch Django's escaping off for the value. This rule reads the
        enclosing function: a variable last assigned a literal, or `"literal".format(...)` / `"literal" % (...)` of
        such values, is accepted; a parameter or anything else computed may carry user text and is reported.
        PY308 reports every `mark_safe` call; this rule is the narrower, flow-aware one.

        **Fix:** build HTML with `django.utils.html.format_html(...)`, which escapes its arguments, or escape the
        user parts with `escape()` first.

        **Differs from Bandit:** Bandit needs only some imported name containing `django.utils.safestring` and any
        callee named like the functions; Kingsnake needs the call to resolve into `django.utils.safestring`.
        """);

    public override string BanditId => "B703";

    public override string BanditName => "django_mark_safe";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        if (call.Args.Count == 0)
        {
            return;
        }

        bool affected;
        if (context.BanditCompatible)
        {
            var function = call.Func switch
            {
                Name name => name.Id,
                PyAttribute attribute => attribute.Attr,
                _ => null,
            };
            affected = function is not null && Array.IndexOf(Functions, function) >= 0
                && context.ImportedNames.Any(n => n.Contains("django.utils.safestring", StringComparison.Ordinal));
        }
        else
        {
            affected = qualifiedName is not null && qualifiedName.StartsWith("django.utils.safestring.", StringComparison.Ordinal)
                && Array.IndexOf(Functions, qualifiedName["django.utils.safestring.".Length..]) >= 0;
        }

        var value = call.Args[0];
        if (!affected || Literals.IsStr(value))
        {
            return;
        }

        var scope = EnclosingScope(context);
        var secure = value switch
        {
            Name name => !IsParameter(scope, name.Id) && IsSecureVariable(name.Id, scope, call.Lineno, 0),
            Call inner => IsSecureFormat(inner, scope, 0),
            BinOp { Op: BinaryOperator.Mod, Left: var left, Right: var right } when Literals.IsStr(left) => AreSecure(FormatArguments(right), scope, call.Lineno, 0),
            _ => false,
        };
        if (!secure)
        {
            context.Report(this, call, $"{MessageText.Callee(call)} marks {MessageText.Origin(value)} as safe HTML, and it is not built from literals only; use format_html");
        }
    }

    /// <summary>The innermost function around the call, or the module (as Bandit climbs the tree).</summary>
    private static Node? EnclosingScope(FileContext context)
    {
        var ancestors = context.Ancestors;
        for (var i = ancestors.Length - 1; i >= 0; i--)
        {
            if (ancestors[i] is FunctionDef or AsyncFunctionDef or Module)
            {
                return ancestors[i];
            }
        }

        return null;
    }

    private static IReadOnlyList<StmtNode> Body(Node? scope) => scope switch
    {
        FunctionDef f => f.Body,
        AsyncFunctionDef f => f.Body,
        Module m => m.Body,
        _ => [],
    };

    private static bool IsParameter(Node? scope, string name)
    {
        var arguments = scope switch
        {
            FunctionDef f => f.Args,
            AsyncFunctionDef f => f.Args,
            _ => null,
        };
        return arguments is not null && arguments.Args.Any(a => a.Name == name);
    }

    /// <summary>The variable's last assignment among the scope's statements before <paramref name="line"/> is secure.</summary>
    private static bool IsSecureVariable(string name, Node? scope, int line, int depth)
    {
        if (depth > MaxDepth || IsParameter(scope, name))
        {
            return false;
        }

        var secure = false;
        foreach (var statement in Body(scope))
        {
            if (statement.Lineno >= line)
            {
                break;
            }

            if (statement is Assign { Targets: [Name target], Value: var value } && target.Id == name)
            {
                secure = IsSecureValue(value, scope, statement.Lineno, depth + 1);
            }
        }

        return secure;
    }

    private static bool IsSecureValue(ExprNode value, Node? scope, int line, int depth) => value switch
    {
        Constant { Value.Kind: ConstantKind.Str } => true,
        Name name => IsSecureVariable(name.Id, scope, line, depth),
        Call call => IsSecureFormat(call, scope, depth),
        BinOp { Op: BinaryOperator.Mod, Left: var left, Right: var right } when Literals.IsStr(left) => AreSecure(FormatArguments(right), scope, line, depth),
        _ => false,
    };

    /// <summary><c>"literal".format(a, b)</c> without keywords, every argument secure.</summary>
    private static bool IsSecureFormat(Call call, Node? scope, int depth) =>
        depth <= MaxDepth && call is { Func: PyAttribute { Attr: "format", Value: Constant }, Keywords.Count: 0 }
        && AreSecure(call.Args, scope, call.Lineno, depth + 1);

    private static bool AreSecure(IEnumerable<ExprNode> arguments, Node? scope, int line, int depth)
    {
        foreach (var argument in arguments)
        {
            var secure = argument switch
            {
                Starred { Value: PyTuple or Kingsnake.Python.Ast.List } starred => AreSecure(Elements(starred.Value), scope, line, depth),
                _ => IsSecureValue(argument, scope, line, depth),
            };
            if (!secure)
            {
                return false;
            }
        }

        return true;
    }

    private static IReadOnlyList<ExprNode> FormatArguments(ExprNode right) => right is PyTuple tuple ? tuple.Elts : [right];

    private static IReadOnlyList<ExprNode> Elements(ExprNode sequence) => sequence switch
    {
        PyTuple tuple => tuple.Elts,
        Kingsnake.Python.Ast.List list => list.Elts,
        _ => [],
    };
}
