namespace Kingsnake.Workflows.Expressions;

/// <summary>Questions about what an expression's value can contain.</summary>
public static class ExpressionFlow
{
    /// <summary>
    /// The contexts whose value can become (part of) the expression's result, the ones that matter when the
    /// result is pasted into code. Boolean-valued forms carry nothing: comparisons, <c>!</c>, <c>contains</c>,
    /// <c>startsWith</c>, <c>endsWith</c> and the status functions. <c>a &amp;&amp; b</c> yields <c>b</c> (or a falsy
    /// <c>a</c>, which is never attacker text), <c>a || b</c> either side. <c>format</c>, <c>join</c>, <c>toJSON</c>
    /// and <c>fromJSON</c> pass their arguments through; <c>fromJSON(x).y</c> is kept as a call-led context.
    /// </summary>
    public static IReadOnlyList<ContextReference> ValueContexts(ExpressionSyntax syntax)
    {
        var found = new List<ContextReference>();
        Collect(syntax, found, 0);
        return found;
    }

    /// <summary>Every context reference anywhere in the expression, in order, including inside indexes and conditions.</summary>
    public static IReadOnlyList<ContextReference> AllContexts(ExpressionSyntax syntax)
    {
        var found = new List<ContextReference>();
        CollectAll(syntax, found);
        return found;
    }

    /// <summary>Every node of the expression, depth first.</summary>
    public static IEnumerable<ExpressionSyntax> Descendants(ExpressionSyntax syntax)
    {
        var stack = new Stack<ExpressionSyntax>();
        stack.Push(syntax);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            switch (node)
            {
                case MemberExpression m: stack.Push(m.Target); break;
                case IndexExpression i: stack.Push(i.Index); stack.Push(i.Target); break;
                case FilterExpression f: stack.Push(f.Target); break;
                case NotExpression n: stack.Push(n.Operand); break;
                case BinaryExpression b: stack.Push(b.Right); stack.Push(b.Left); break;
                case CallExpression c:
                    for (var k = c.Arguments.Count - 1; k >= 0; k--)
                    {
                        stack.Push(c.Arguments[k]);
                    }

                    break;
            }
        }
    }

    private static void Collect(ExpressionSyntax syntax, List<ContextReference> found, int depth)
    {
        if (depth > ExpressionParser.MaxDepth * 2)
        {
            return;
        }

        switch (syntax)
        {
            case LiteralExpression:
            case NotExpression:
                return;
            case BinaryExpression { Operator: BinaryOperator.And } and:
                Collect(and.Right, found, depth + 1);
                return;
            case BinaryExpression { Operator: BinaryOperator.Or } or:
                Collect(or.Left, found, depth + 1);
                Collect(or.Right, found, depth + 1);
                return;
            case BinaryExpression:
                return;
            case CallExpression call:
                if (IsBooleanFunction(call.Name) || call.Is("hashFiles"))
                {
                    return;
                }

                foreach (var argument in call.Arguments)
                {
                    Collect(argument, found, depth + 1);
                }

                return;
            default:
                if (ContextReference.From(syntax) is { } reference)
                {
                    found.Add(reference);
                }

                return;
        }
    }

    private static void CollectAll(ExpressionSyntax syntax, List<ContextReference> found)
    {
        if (ContextReference.From(syntax) is { IsCallLed: false } reference)
        {
            found.Add(reference);

            // indexes along the chain can hold contexts of their own (secrets[inputs.name])
            for (var node = syntax; node is not IdentifierExpression;)
            {
                switch (node)
                {
                    case IndexExpression index:
                        CollectAll(index.Index, found);
                        node = index.Target;
                        break;
                    case MemberExpression member:
                        node = member.Target;
                        break;
                    case FilterExpression filter:
                        node = filter.Target;
                        break;
                    default:
                        return;
                }
            }

            return;
        }

        switch (syntax)
        {
            case MemberExpression m: CollectAll(m.Target, found); break;
            case IndexExpression i: CollectAll(i.Target, found); CollectAll(i.Index, found); break;
            case FilterExpression f: CollectAll(f.Target, found); break;
            case NotExpression n: CollectAll(n.Operand, found); break;
            case BinaryExpression b: CollectAll(b.Left, found); CollectAll(b.Right, found); break;
            case CallExpression c:
                foreach (var argument in c.Arguments)
                {
                    CollectAll(argument, found);
                }

                break;
        }
    }

    /// <summary>Functions whose result is a boolean whatever their arguments.</summary>
    public static bool IsBooleanFunction(string name) =>
        name.ToLowerInvariant() is "contains" or "startswith" or "endswith" or "success" or "always" or "cancelled" or "failure";

    /// <summary>The functions GitHub's expression language defines.</summary>
    public static bool IsKnownFunction(string name) =>
        name.ToLowerInvariant() is "contains" or "startswith" or "endswith" or "format" or "join" or "tojson" or "fromjson"
            or "hashfiles" or "success" or "always" or "cancelled" or "failure" or "case";
}
