using Kingsnake.Python.Ast;
using PyAttribute = Kingsnake.Python.Ast.Attribute;
using PyList = Kingsnake.Python.Ast.List;
using PyTuple = Kingsnake.Python.Ast.Tuple;

namespace Kingsnake.Code.Analysis;

/// <summary>
/// The nodes and name bindings of one scope (a function body, or the module's top level), nested function and class
/// bodies and lambdas left out: they are scopes of their own. Enough for "simple intra-function taint": which local
/// names carry a value derived from some source, flow-insensitively (a name tainted anywhere in the body is tainted
/// everywhere in it, which errs towards reporting; the rules using it then require a sink and the absence of any
/// check in the same body, which keeps the false alarms down).
/// </summary>
internal sealed class LocalFlow
{
    private const int MaxDepth = 48;

    private LocalFlow(Node scope, List<Node> nodes, List<(ExprNode Target, ExprNode Value, int Line)> bindings)
    {
        Scope = scope;
        Nodes = nodes;
        Bindings = bindings;
    }

    public Node Scope { get; }

    /// <summary>Every node of the scope's own body, pre-order.</summary>
    public IReadOnlyList<Node> Nodes { get; }

    /// <summary>
    /// Each binding of the body: an assignment target with its value, a <c>for</c>/comprehension target with the
    /// iterable, a <c>with ... as</c> target with the context expression, a walrus.
    /// </summary>
    public IReadOnlyList<(ExprNode Target, ExprNode Value, int Line)> Bindings { get; }

    /// <summary>The parameter names of the scope (none for the module).</summary>
    public IEnumerable<string> Parameters => Scope switch
    {
        FunctionDef f => ParameterNames(f.Args),
        AsyncFunctionDef f => ParameterNames(f.Args),
        _ => [],
    };

    public static LocalFlow Of(Node scope)
    {
        var nodes = new List<Node>();
        var bindings = new List<(ExprNode, ExprNode, int)>();
        var pending = new Stack<Node>();
        var roots = scope switch
        {
            FunctionDef f => f.Body,
            AsyncFunctionDef f => f.Body,
            Module m => m.Body,
            _ => [],
        };
        for (var i = roots.Count - 1; i >= 0; i--)
        {
            pending.Push(roots[i]);
        }

        while (pending.Count > 0)
        {
            var node = pending.Pop();
            nodes.Add(node);
            switch (node)
            {
                case FunctionDef or AsyncFunctionDef or ClassDef or Lambda:
                    continue; // its own scope (decorators and defaults are rare carriers; left out)
                case Assign assign:
                    foreach (var target in assign.Targets)
                    {
                        bindings.Add((target, assign.Value, assign.Lineno));
                    }

                    break;
                case AnnAssign { Value: { } value } annotated:
                    bindings.Add((annotated.Target, value, annotated.Lineno));
                    break;
                case AugAssign augmented:
                    bindings.Add((augmented.Target, augmented.Value, augmented.Lineno));
                    break;
                case For loop:
                    bindings.Add((loop.Target, loop.Iter, loop.Lineno));
                    break;
                case AsyncFor loop:
                    bindings.Add((loop.Target, loop.Iter, loop.Lineno));
                    break;
                case Comprehension generator:
                    bindings.Add((generator.Target, generator.Iter, generator.Iter.Lineno));
                    break;
                case Withitem { OptionalVars: { } variables } item:
                    bindings.Add((variables, item.ContextExpr, item.ContextExpr.Lineno));
                    break;
                case NamedExpr walrus:
                    bindings.Add((walrus.Target, walrus.Value, walrus.Lineno));
                    break;
            }

            node.PushChildren(pending);
        }

        return new LocalFlow(scope, nodes, bindings);
    }

    /// <summary>
    /// The local names that carry a value for which <paramref name="isSource"/> holds, starting from
    /// <paramref name="seeds"/> (tainted parameters, say) and propagating through bindings until nothing changes.
    /// <paramref name="isBarrier"/> marks calls whose result is clean whatever goes in (<c>os.path.basename</c>).
    /// </summary>
    public HashSet<string> Taint(Func<ExprNode, bool> isSource, Func<Call, bool> isBarrier, IEnumerable<string>? seeds = null)
    {
        var tainted = new HashSet<string>(seeds ?? [], StringComparer.Ordinal);
        bool changed;
        var rounds = 0;
        do
        {
            changed = false;
            foreach (var (target, value, _) in Bindings)
            {
                if (!Carries(value, tainted, isSource, isBarrier))
                {
                    continue;
                }

                foreach (var name in TargetNames(target))
                {
                    changed |= tainted.Add(name);
                }
            }
        }
        while (changed && ++rounds < 16);

        return tainted;
    }

    /// <summary>Whether <paramref name="expression"/> carries a tainted value: a source, or a tainted name, somewhere inside it.</summary>
    public static bool Carries(ExprNode expression, HashSet<string> tainted, Func<ExprNode, bool> isSource, Func<Call, bool> isBarrier, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        if (isSource(expression))
        {
            return true;
        }

        switch (expression)
        {
            case Name name:
                return tainted.Contains(name.Id);
            case Constant:
                return false;
            case Compare or BoolOp or Lambda:
                return false; // a truth value or a function, not the data
            case Call call:
                if (isBarrier(call) || call.Func is Name { Id: "len" or "bool" or "int" or "float" or "isinstance" or "hasattr" or "id" or "hash" })
                {
                    return false;
                }

                if (Carries(call.Func, tainted, isSource, isBarrier, depth + 1))
                {
                    return true;
                }

                foreach (var argument in call.Args)
                {
                    if (Carries(argument, tainted, isSource, isBarrier, depth + 1))
                    {
                        return true;
                    }
                }

                foreach (var keyword in call.Keywords)
                {
                    if (Carries(keyword.Value, tainted, isSource, isBarrier, depth + 1))
                    {
                        return true;
                    }
                }

                return false;
            case PyAttribute attribute:
                return Carries(attribute.Value, tainted, isSource, isBarrier, depth + 1);
            case Subscript subscript:
                return Carries(subscript.Value, tainted, isSource, isBarrier, depth + 1);
        }

        var children = new Stack<Node>();
        expression.PushChildren(children);
        foreach (var child in children)
        {
            if (child is ExprNode inner && Carries(inner, tainted, isSource, isBarrier, depth + 1))
            {
                return true;
            }

            if (child is Comprehension generator && Carries(generator.Iter, tainted, isSource, isBarrier, depth + 1))
            {
                return true;
            }

            if (child is Keyword keyword && Carries(keyword.Value, tainted, isSource, isBarrier, depth + 1))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value last bound to <paramref name="name"/> on a line before <paramref name="line"/>, if any.</summary>
    public ExprNode? LastValueBefore(string name, int line)
    {
        ExprNode? value = null;
        var bestLine = -1;
        foreach (var (target, bound, bindingLine) in Bindings)
        {
            if (target is Name { Id: var id } && id == name && bindingLine < line && bindingLine >= bestLine)
            {
                value = bound;
                bestLine = bindingLine;
            }
        }

        return value;
    }

    /// <summary>True when the name is bound anywhere in the body other than by a plain assignment (a loop, a with, a tuple target).</summary>
    public int BindingCount(string name) => Bindings.Count(b => TargetNames(b.Target).Contains(name));

    /// <summary>The names a binding target binds (<c>a</c>, <c>a, b</c>, <c>[a, *b]</c>); attributes and subscripts bind none.</summary>
    public static IEnumerable<string> TargetNames(ExprNode target)
    {
        switch (target)
        {
            case Name name:
                yield return name.Id;
                break;
            case Starred starred:
                foreach (var inner in TargetNames(starred.Value))
                {
                    yield return inner;
                }

                break;
            case PyTuple tuple:
                foreach (var element in tuple.Elts)
                {
                    foreach (var inner in TargetNames(element))
                    {
                        yield return inner;
                    }
                }

                break;
            case PyList list:
                foreach (var element in list.Elts)
                {
                    foreach (var inner in TargetNames(element))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    private static IEnumerable<string> ParameterNames(Arguments arguments)
    {
        foreach (var a in arguments.Posonlyargs)
        {
            yield return a.Name;
        }

        foreach (var a in arguments.Args)
        {
            yield return a.Name;
        }

        foreach (var a in arguments.Kwonlyargs)
        {
            yield return a.Name;
        }
    }
}
