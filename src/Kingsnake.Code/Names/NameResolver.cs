using Kingsnake.Code.Engine;
using Kingsnake.Python.Ast;
using PyAttribute = Kingsnake.Python.Ast.Attribute;

namespace Kingsnake.Code.Names;

/// <summary>
/// Turns an expression into the dotted name Python would reach at run time: <c>run</c> after
/// <c>from os import system as run</c> is <c>os.system</c>; <c>sp.Popen</c> after <c>import subprocess as sp</c> is
/// <c>subprocess.Popen</c>; <c>getattr(os, "system")</c> is <c>os.system</c>; <c>__import__("pickle").loads</c> is
/// <c>pickle.loads</c>. A name bound locally to something that is not an import (a parameter, an assignment)
/// resolves to nothing, so <c>def f(pickle): pickle.loads(x)</c> is not a pickle call. An unbound name resolves to
/// itself (builtins such as <c>eval</c>, and modules used without a visible import, as Bandit reads them).
/// With the project's <paramref name="modules"/>, a name reached through the project's own modules is followed to
/// what they import: <c>pickle.loads</c> after <c>from .compat import pickle</c> is <c>pickle.loads</c>.
/// </summary>
/// <param name="path">The file's path relative to the project root (where its relative imports start).</param>
internal sealed class NameResolver(ModuleScopes scopes, ModuleIndex? modules = null, string path = "")
{
    private const int MaxChain = 64;

    public ModuleScopes Scopes => scopes;

    /// <summary>Resolves <paramref name="expression"/> seen inside the given ancestors (outermost first).</summary>
    public string? Resolve(ExprNode expression, ReadOnlySpan<Node> ancestors)
    {
        var name = Resolve(expression, ancestors, 0);
        return name is null || modules is null ? name : modules.Follow(path, name);
    }

    private string? Resolve(ExprNode expression, ReadOnlySpan<Node> ancestors, int depth)
    {
        if (depth > MaxChain)
        {
            return null;
        }

        switch (expression)
        {
            case Name name:
                return Lookup(name.Id, ancestors);
            case PyAttribute attribute:
                var owner = Resolve(attribute.Value, ancestors, depth + 1);
                return owner is null ? null : string.Concat(owner, ".", attribute.Attr);
            case Call call when call.Func is Name or PyAttribute:
                var function = Resolve(call.Func, ancestors, depth + 1);
                if (function == "getattr" && call.Args.Count >= 2 && Literals.Text(call.Args[1]) is { } member
                    && Resolve(call.Args[0], ancestors, depth + 1) is { } target)
                {
                    return string.Concat(target, ".", member);
                }

                if (function is "__import__" or "importlib.__import__" && call.Args.Count >= 1 && Literals.Text(call.Args[0]) is { } imported)
                {
                    // __import__("a.b") returns the top package a unless a fromlist is given.
                    var dot = imported.IndexOf('.', StringComparison.Ordinal);
                    return dot < 0 || call.Args.Count >= 4 || call.Keywords.Any(k => k.Arg == "fromlist") ? imported : imported[..dot];
                }

                return function == "importlib.import_module" && call.Args.Count >= 1 && Literals.Text(call.Args[0]) is { } moduleName && !moduleName.StartsWith('.')
                    ? moduleName
                    : null;
            default:
                return null;
        }
    }

    /// <summary>Python's LEGB order: the innermost function scopes, the class body only for code directly in it, the module.</summary>
    public string? Lookup(string name, ReadOnlySpan<Node> ancestors)
    {
        var innermost = true;
        for (var i = ancestors.Length - 1; i >= 0; i--)
        {
            var node = ancestors[i];
            switch (node.NodeKind)
            {
                case NodeKind.FunctionDef or NodeKind.AsyncFunctionDef:
                    if (scopes.ScopeOf(node) is { } functionScope && functionScope.TryGetValue(name, out var binding))
                    {
                        return binding.ImportTarget;
                    }

                    innermost = false;
                    break;
                case NodeKind.Lambda:
                    if (BindsParameter(((Lambda)node).Args, name))
                    {
                        return null;
                    }

                    innermost = false;
                    break;
                case NodeKind.ClassDef:
                    if (innermost && scopes.ScopeOf(node) is { } classScope && classScope.TryGetValue(name, out var member))
                    {
                        return member.ImportTarget;
                    }

                    innermost = false;
                    break;
            }
        }

        return scopes.ModuleScope.TryGetValue(name, out var global) ? global.ImportTarget : name;
    }

    private static bool BindsParameter(Arguments arguments, string name) =>
        arguments.Args.Any(a => a.Name == name) || arguments.Posonlyargs.Any(a => a.Name == name)
        || arguments.Kwonlyargs.Any(a => a.Name == name) || arguments.Vararg?.Name == name || arguments.Kwarg?.Name == name;
}
