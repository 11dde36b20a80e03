using Kingsnake.Code.Analysis;
using Kingsnake.Code.Engine;
using Kingsnake.Python.Ast;
using PyAttribute = Kingsnake.Python.Ast.Attribute;

namespace Kingsnake.Code.Names;

/// <summary>
/// The objects one scope (a function body, or the module's top level) makes and keeps under a name:
/// <c>s = requests.Session()</c> or <c>with httpx.Client() as c:</c>, so that <c>s.get(url)</c> can be judged as
/// the library's own <c>requests.get</c>. Only a name bound exactly once in its scope, by that call, counts: a name
/// assigned again, deleted, declared <c>global</c>/<c>nonlocal</c>, or bound any other way (a parameter, a loop, an
/// import, a def) stands for nothing, since what it holds at the call cannot be told without flow analysis.
/// </summary>
internal sealed class LocalInstances
{
    private readonly Dictionary<string, int> _bindings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Call> _made = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reconfigured = new(StringComparer.Ordinal);

    private LocalInstances(LocalFlow flow)
    {
        foreach (var (target, value, _) in flow.Bindings)
        {
            foreach (var name in LocalFlow.TargetNames(target))
            {
                Bind(name);
            }

            if (target is Name single && value is Call call)
            {
                _made[single.Id] = call;
            }
        }

        foreach (var parameter in flow.Parameters)
        {
            Bind(parameter);
        }

        var arguments = flow.Scope switch
        {
            FunctionDef f => f.Args,
            AsyncFunctionDef f => f.Args,
            _ => null,
        };
        if (arguments is not null)
        {
            // *args and **kwargs, which LocalFlow's parameter list leaves out
            if (arguments.Vararg is { } vararg)
            {
                Bind(vararg.Name);
            }

            if (arguments.Kwarg is { } kwarg)
            {
                Bind(kwarg.Name);
            }
        }

        foreach (var node in flow.Nodes)
        {
            switch (node)
            {
                case FunctionDef f:
                    Bind(f.Name);
                    break;
                case AsyncFunctionDef f:
                    Bind(f.Name);
                    break;
                case ClassDef c:
                    Bind(c.Name);
                    break;
                case Alias alias:
                    Bind(alias.Asname ?? alias.Name.Split('.')[0]);
                    break;
                case ExceptHandler { Name: { } caught }:
                    Bind(caught);
                    break;
                case MatchAs { Name: { } captured }:
                    Bind(captured);
                    break;
                case Global global:
                    Poison(global.Names);
                    break;
                case Nonlocal nonlocalNames:
                    Poison(nonlocalNames.Names);
                    break;
                case Delete delete:
                    Poison(delete.Targets.SelectMany(LocalFlow.TargetNames));
                    break;
                case Call { Func: PyAttribute { Value: Name owner, Attr: "mount" } }:
                    // an adapter mounted on a session can carry its own timeout
                    _reconfigured.Add(owner.Id);
                    break;
                case Assign assign:
                    foreach (var target in assign.Targets)
                    {
                        // s.request = functools.partial(s.request, timeout=5); not s.headers or s.auth, and not
                        // s.timeout, which requests never reads
                        if (target is PyAttribute { Value: Name owner, Attr: "request" or "send" or "get" or "post" or "put" or "patch" or "delete" or "head" or "options" })
                        {
                            _reconfigured.Add(owner.Id);
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>The scope's instances, built once per scope for the file.</summary>
    public static LocalInstances Of(Node scope, FileContext context) =>
        context.Memo(scope, () => new LocalInstances(context.Memo(scope, () => LocalFlow.Of(scope))));

    /// <summary>
    /// The call that made the object <paramref name="name"/> holds at the current position: looked up in the innermost
    /// function that binds the name, else the module; null when that scope binds it other than once by a call.
    /// </summary>
    public static (Call Construction, LocalInstances Scope)? Find(string name, FileContext context)
    {
        var ancestors = context.Ancestors;
        for (var i = ancestors.Length - 1; i >= 0; i--)
        {
            switch (ancestors[i])
            {
                case FunctionDef or AsyncFunctionDef:
                    var scope = Of(ancestors[i], context);
                    if (scope._bindings.ContainsKey(name))
                    {
                        return scope.Made(name) is { } made ? (made, scope) : null;
                    }

                    break;
                case Lambda lambda when lambda.Args.Args.Any(a => a.Name == name) || lambda.Args.Kwonlyargs.Any(a => a.Name == name)
                    || lambda.Args.Posonlyargs.Any(a => a.Name == name) || lambda.Args.Vararg?.Name == name || lambda.Args.Kwarg?.Name == name:
                    return null;
            }
        }

        var module = Of(context.Parsed.Module, context);
        return module.Made(name) is { } global ? (global, module) : null;
    }

    /// <summary>True when the scope mounts an adapter on the object or replaces its request methods, either of which can give its requests a timeout.</summary>
    public bool Reconfigures(string name) => _reconfigured.Contains(name);

    private Call? Made(string name) => _bindings.GetValueOrDefault(name) == 1 ? _made.GetValueOrDefault(name) : null;

    private void Bind(string name) => _bindings[name] = _bindings.GetValueOrDefault(name) + 1;

    private void Poison(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            _bindings[name] = int.MaxValue / 2;
        }
    }
}
