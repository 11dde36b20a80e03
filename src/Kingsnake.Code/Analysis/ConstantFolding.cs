using Kingsnake.Code.Engine;
using Kingsnake.Python.Ast;
using Attribute = Kingsnake.Python.Ast.Attribute;
using PyList = Kingsnake.Python.Ast.List;
using PySet = Kingsnake.Python.Ast.Set;
using PyTuple = Kingsnake.Python.Ast.Tuple;

namespace Kingsnake.Code.Analysis;

/// <summary>
/// Whether an expression's value is fixed by the source: literals, f-strings and operators over them, containers of
/// them, and names whose every binding in their scope (the function, else the module) is such a value. So
/// <c>expected = '"static", "shared"'</c> two lines above <c>eval(expected)</c> makes the eval run only what the author
/// wrote. A parameter, an import, or any binding from elsewhere makes the value unknown.
/// </summary>
internal static class ConstantFolding
{
    private const int MaxDepth = 8;

    /// <summary>True when <paramref name="expression"/>, seen at the current node of <paramref name="context"/>, is fixed.</summary>
    public static bool IsConstant(ExprNode? expression, FileContext context) =>
        expression is not null && IsConstant(expression, context, context.EnclosingScope(), 0);

    private static bool IsConstant(ExprNode expression, FileContext context, Node scope, int depth) => depth <= MaxDepth && expression switch
    {
        Constant => true,
        JoinedStr joined => joined.Values.All(v => IsConstant(v, context, scope, depth + 1)),
        FormattedValue formatted => IsConstant(formatted.Value, context, scope, depth + 1),
        BinOp binary => IsConstant(binary.Left, context, scope, depth + 1) && IsConstant(binary.Right, context, scope, depth + 1),
        PyTuple tuple => tuple.Elts.All(e => IsConstant(e, context, scope, depth + 1)),
        PyList list => list.Elts.All(e => IsConstant(e, context, scope, depth + 1)),
        PySet set => set.Elts.All(e => IsConstant(e, context, scope, depth + 1)),
        Name name => NameIsConstant(name.Id, context, scope, depth + 1),
        Call { Func: Attribute { Attr: "split" or "strip" or "lower" or "upper" or "format" or "join" or "replace", Value: var owner } } call
            => IsConstant(owner, context, scope, depth + 1) && call.Args.All(a => IsConstant(a, context, scope, depth + 1)) && call.Keywords.All(k => IsConstant(k.Value, context, scope, depth + 1)),
        _ => false,
    };

    /// <summary>
    /// The literal text a string expression starts with when the source fixes it: a literal, the first part of an
    /// f-string, the left side of <c>+</c> or <c>%</c>, the template of <c>"…".format(…)</c>, or the common start of every
    /// value a local name is bound to. Null when the start is not fixed.
    /// </summary>
    public static string? LeadingText(ExprNode expression, FileContext context, int depth = 0) => depth > MaxDepth ? null : expression switch
    {
        Constant { Value.Text: { } text } => text,
        JoinedStr { Values: [Constant { Value.Text: { } first }, ..] } => first,
        BinOp { Op: BinaryOperator.Add or BinaryOperator.Mod, Left: var left } => LeadingText(left, context, depth + 1),
        Call { Func: Attribute { Attr: "format", Value: var template } } => LeadingText(template, context, depth + 1),
        Call { Func: var func, Args: [var url, ..] } when Literals.LastName(func) == "Request" => LeadingText(url, context, depth + 1),
        Name name => NameLeadingText(name.Id, context, depth + 1),
        _ => null,
    };

    /// <summary>True for a string built here with values formatted in: an f-string with fields, <c>%</c>, <c>+</c> or <c>.format</c> with non-literal parts.</summary>
    public static bool IsFormatted(ExprNode expression) => expression switch
    {
        JoinedStr joined => joined.Values.Any(v => v is FormattedValue),
        BinOp { Op: BinaryOperator.Add or BinaryOperator.Mod } binary => binary.Left is Constant or JoinedStr or BinOp || binary.Right is Constant or JoinedStr,
        Call { Func: Attribute { Attr: "format", Value: Constant } } => true,
        _ => false,
    };

    /// <summary>
    /// The values a local name is bound to in its scope (the function, else the module), or null when any binding is
    /// not a plain assignment of the whole name or the name is a parameter.
    /// </summary>
    public static List<ExprNode>? BoundValues(string name, FileContext context)
    {
        var scope = context.EnclosingScope();
        var flow = context.Memo(scope, () => LocalFlow.Of(scope));
        if (scope is not Module && flow.Parameters.Contains(name))
        {
            return null;
        }

        var values = new List<ExprNode>();
        foreach (var (target, value, _) in flow.Bindings)
        {
            if (target is Name bound && bound.Id == name)
            {
                values.Add(value);
            }
            else if (LocalFlow.TargetNames(target).Contains(name))
            {
                return null;
            }
        }

        return values.Count > 0 ? values : null;
    }

    private static string? NameLeadingText(string name, FileContext context, int depth)
    {
        if (BoundValues(name, context) is not { } values)
        {
            return null;
        }

        string? common = null;
        foreach (var value in values)
        {
            if (LeadingText(value, context, depth) is not { } text)
            {
                return null;
            }

            common = common is null ? text : common[..CommonPrefix(common, text)];
        }

        return common;
    }

    private static int CommonPrefix(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return i;
    }

    private static bool NameIsConstant(string name, FileContext context, Node scope, int depth)
    {
        var flow = context.Memo(scope, () => LocalFlow.Of(scope));
        if (scope is not Module && flow.Parameters.Contains(name))
        {
            return false;
        }

        var any = false;
        foreach (var (target, value, _) in flow.Bindings)
        {
            if (LocalFlow.TargetNames(target).Contains(name))
            {
                // `a, b = x, y` binds each name from its own element; anything else from the whole value.
                var bound = value;
                if (target is PyTuple targets && value is PyTuple values && targets.Elts.Count == values.Elts.Count)
                {
                    var index = targets.Elts.ToList().FindIndex(e => e is Name n && n.Id == name);
                    bound = index >= 0 ? values.Elts[index] : value;
                }

                if (!IsConstant(bound, context, scope, depth))
                {
                    return false;
                }

                any = true;
            }
        }

        if (any)
        {
            return !BoundOtherwise(name, flow);
        }

        // Code directly in a class body reads the class's own names first (`Q = "SELECT … %s" % _ORDER` beside `_ORDER = "…"`).
        if (scope is Module && ClassBodyValue(name, context) is { } classValue)
        {
            return IsConstant(classValue, context, scope, depth);
        }

        // Not bound in the function: the module's binding decides (a closure's enclosing function is not looked at).
        return scope is not Module && NameIsConstant(name, context, context.Parsed.Module, depth + 1);
    }

    /// <summary>
    /// The value of <paramref name="name"/> in the class whose body holds the current node directly (no function in
    /// between), when the body assigns it exactly once with a plain assignment; else null.
    /// </summary>
    private static ExprNode? ClassBodyValue(string name, FileContext context)
    {
        var ancestors = context.Ancestors;
        for (var i = ancestors.Length - 1; i >= 0; i--)
        {
            if (ancestors[i] is FunctionDef or AsyncFunctionDef or Lambda)
            {
                return null;
            }

            if (ancestors[i] is ClassDef type)
            {
                var values = type.Body.OfType<Assign>().Where(a => a.Targets is [Name target] && target.Id == name).ToList();
                var rebound = type.Body.Any(statement => statement is AugAssign { Target: Name { Id: var augmented } } && augmented == name
                    || statement is FunctionDef f && f.Name == name || statement is AnnAssign { Target: Name { Id: var annotated } } && annotated == name);
                return values.Count == 1 && !rebound ? values[0].Value : null;
            }
        }

        return null;
    }

    /// <summary>Bindings LocalFlow does not list as values: imports, function and class definitions, <c>global</c>, <c>del</c>, except targets.</summary>
    private static bool BoundOtherwise(string name, LocalFlow flow) => flow.Nodes.Any(node => node switch
    {
        Import import => import.Names.Any(a => (a.Asname ?? a.Name.Split('.')[0]) == name),
        ImportFrom importFrom => importFrom.Names.Any(a => (a.Asname ?? a.Name) == name),
        FunctionDef f => f.Name == name,
        AsyncFunctionDef f => f.Name == name,
        ClassDef c => c.Name == name,
        Global g => g.Names.Contains(name),
        Nonlocal n => n.Names.Contains(name),
        ExceptHandler { Name: { } bound } => bound == name,
        _ => false,
    });
}
