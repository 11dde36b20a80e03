using Kingsnake.Python.Ast;
using PyList = Kingsnake.Python.Ast.List;
using PyTuple = Kingsnake.Python.Ast.Tuple;

namespace Kingsnake.Code.Names;

/// <summary>
/// What a name in one scope is bound to: an imported module or object (its qualified name), or a local value
/// (an assignment, a parameter, a def) that is not an import and so must not be read as a module.
/// </summary>
internal readonly record struct Binding(string? ImportTarget)
{
    public bool IsImport => ImportTarget is not null;
}

/// <summary>
/// The names each scope of one module binds, collected in one pass over the statements before the rules run.
/// Python resolves a global at call time, so an import anywhere at module level (inside <c>try</c>/<c>if</c>
/// too, before or after the function that uses it) binds the name for the whole module; an import inside a
/// function binds only there. Class bodies are scopes that nested functions do not see, as in Python.
/// </summary>
internal sealed class ModuleScopes
{
    /// <summary>
    /// Modules that exist on Python 2 only (their Python 3 names differ): <c>try: import cPickle as pickle</c> /
    /// <c>except ImportError: import pickle</c> binds <c>pickle</c> on Python 3 whichever order the two come in.
    /// </summary>
    private static readonly HashSet<string> PythonTwoOnly = new(StringComparer.Ordinal)
    {
        "cPickle", "cStringIO", "StringIO", "urllib2", "urlparse", "ConfigParser", "Queue", "httplib", "cookielib", "Cookie",
        "HTMLParser", "htmlentitydefs", "__builtin__", "SocketServer", "SimpleHTTPServer", "BaseHTTPServer", "CGIHTTPServer",
        "xmlrpclib", "SimpleXMLRPCServer", "DocXMLRPCServer", "thread", "dummy_thread", "commands", "copy_reg", "anydbm",
        "dbhash", "dumbdbm", "gdbm", "whichdb", "repr", "Tkinter", "tkMessageBox", "robotparser", "md5", "sha", "sets",
        "exceptions", "UserDict", "UserList", "UserString", "markupbase", "popen2",
    };

    private readonly Dictionary<Node, Dictionary<string, Binding>> _scopes = new(ReferenceEqualityComparer.Instance);
    private readonly bool _preferPythonThree;
    private readonly bool _moduleOnly;

    /// <param name="preferPythonThree">
    /// When a name is imported twice (a Python 2 fallback), keep the import that succeeds on Python 3 rather than the
    /// last one; off for Bandit's answers, which take the last import in visit order.
    /// </param>
    /// <param name="moduleOnly">Collect the module's own bindings only, not its functions' and classes' (what other modules can import).</param>
    public ModuleScopes(Module module, bool preferPythonThree = false, bool moduleOnly = false)
    {
        _preferPythonThree = preferPythonThree;
        _moduleOnly = moduleOnly;
        ModuleScope = [];
        _scopes[module] = ModuleScope;
        Collect(module.Body, ModuleScope, 0);
    }

    public Dictionary<string, Binding> ModuleScope { get; }

    /// <summary>The modules a module-level <c>from m import *</c> names (<c>.core</c>, <c>pkg.core</c>), in order.</summary>
    public List<string> ModuleStarImports { get; } = [];

    /// <summary>Names imported anywhere in the module (their full qualified targets), for "module imported" tests.</summary>
    public HashSet<string> ImportedModules { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Binding>? ScopeOf(Node scopeNode) => _scopes.GetValueOrDefault(scopeNode);

    // Statement nesting is bounded by Python's indentation limit (100 levels), and the parser bounds it too.
    private void Collect(IReadOnlyList<StmtNode> body, Dictionary<string, Binding> scope, int depth)
    {
        if (depth > 200)
        {
            return;
        }

        foreach (var statement in body)
        {
            switch (statement)
            {
                case Import import:
                    foreach (var alias in import.Names)
                    {
                        ImportedModules.Add(alias.Name);
                        if (alias.Asname is { } asName)
                        {
                            BindImport(scope, asName, alias.Name);
                        }
                        else
                        {
                            var dot = alias.Name.IndexOf('.', StringComparison.Ordinal);
                            var head = dot < 0 ? alias.Name : alias.Name[..dot];
                            BindImport(scope, head, head);
                        }
                    }

                    break;
                case ImportFrom from:
                    var module = new string('.', from.Level ?? 0) + (from.Module ?? "");
                    foreach (var alias in from.Names)
                    {
                        if (alias.Name == "*")
                        {
                            if (ReferenceEquals(scope, ModuleScope))
                            {
                                ModuleStarImports.Add(module);
                            }

                            continue;
                        }

                        var target = module.Length == 0 || module.EndsWith('.') ? module + alias.Name : module + "." + alias.Name;
                        ImportedModules.Add(target);
                        BindImport(scope, alias.Asname ?? alias.Name, target);
                    }

                    break;
                case FunctionDef function:
                    BindLocal(scope, function.Name);
                    CollectFunction(function, function.Args, function.Body, depth);
                    break;
                case AsyncFunctionDef function:
                    BindLocal(scope, function.Name);
                    CollectFunction(function, function.Args, function.Body, depth);
                    break;
                case ClassDef classDef when _moduleOnly:
                    BindLocal(scope, classDef.Name);
                    break;
                case ClassDef classDef:
                    BindLocal(scope, classDef.Name);
                    var classScope = new Dictionary<string, Binding>(StringComparer.Ordinal);
                    _scopes[classDef] = classScope;
                    Collect(classDef.Body, classScope, depth + 1);
                    break;
                case Assign assign:
                    foreach (var target in assign.Targets)
                    {
                        BindTargets(scope, target);
                    }

                    break;
                case AnnAssign { Value: not null } annotated:
                    BindTargets(scope, annotated.Target);
                    break;
                case For loop:
                    BindTargets(scope, loop.Target);
                    Collect(loop.Body, scope, depth + 1);
                    Collect(loop.Orelse, scope, depth + 1);
                    break;
                case AsyncFor loop:
                    BindTargets(scope, loop.Target);
                    Collect(loop.Body, scope, depth + 1);
                    Collect(loop.Orelse, scope, depth + 1);
                    break;
                case While loop:
                    Collect(loop.Body, scope, depth + 1);
                    Collect(loop.Orelse, scope, depth + 1);
                    break;
                case If branch:
                    Collect(branch.Body, scope, depth + 1);
                    Collect(branch.Orelse, scope, depth + 1);
                    break;
                case With with:
                    foreach (var item in with.Items)
                    {
                        if (item.OptionalVars is { } vars)
                        {
                            BindTargets(scope, vars);
                        }
                    }

                    Collect(with.Body, scope, depth + 1);
                    break;
                case AsyncWith with:
                    foreach (var item in with.Items)
                    {
                        if (item.OptionalVars is { } vars)
                        {
                            BindTargets(scope, vars);
                        }
                    }

                    Collect(with.Body, scope, depth + 1);
                    break;
                case Try handled:
                    CollectTry(handled.Body, handled.Handlers, handled.Orelse, handled.Finalbody, scope, depth);
                    break;
                case TryStar handled:
                    CollectTry(handled.Body, handled.Handlers, handled.Orelse, handled.Finalbody, scope, depth);
                    break;
                case Match match:
                    foreach (var matchCase in match.Cases)
                    {
                        Collect(matchCase.Body, scope, depth + 1);
                    }

                    break;
            }
        }
    }

    private void CollectTry(IReadOnlyList<StmtNode> body, IReadOnlyList<ExceptHandlerNode> handlers, IReadOnlyList<StmtNode> orelse, IReadOnlyList<StmtNode> finalbody, Dictionary<string, Binding> scope, int depth)
    {
        Collect(body, scope, depth + 1);
        foreach (var handler in handlers)
        {
            if (handler is ExceptHandler except)
            {
                if (except.Name is { } name)
                {
                    BindLocal(scope, name);
                }

                Collect(except.Body, scope, depth + 1);
            }
        }

        Collect(orelse, scope, depth + 1);
        Collect(finalbody, scope, depth + 1);
    }

    private void CollectFunction(Node function, Arguments arguments, IReadOnlyList<StmtNode> body, int depth)
    {
        if (_moduleOnly)
        {
            return;
        }

        var scope = new Dictionary<string, Binding>(StringComparer.Ordinal);
        _scopes[function] = scope;
        BindParameters(scope, arguments);
        Collect(body, scope, depth + 1);
    }

    internal static void BindParameters(Dictionary<string, Binding> scope, Arguments arguments)
    {
        foreach (var parameter in arguments.Posonlyargs)
        {
            BindLocal(scope, parameter.Name);
        }

        foreach (var parameter in arguments.Args)
        {
            BindLocal(scope, parameter.Name);
        }

        foreach (var parameter in arguments.Kwonlyargs)
        {
            BindLocal(scope, parameter.Name);
        }

        if (arguments.Vararg is { } vararg)
        {
            BindLocal(scope, vararg.Name);
        }

        if (arguments.Kwarg is { } kwarg)
        {
            BindLocal(scope, kwarg.Name);
        }
    }

    /// <summary>
    /// The last import of a name wins (<c>try: import cPickle as pickle / except: import pickle</c> ends with
    /// <c>pickle</c>, as the code after both sees it), except that with <c>preferPythonThree</c> a Python 2 module never
    /// replaces an import of another one (the reverse order of the same fallback); an import always beats a plain assignment in the same
    /// scope, because <c>except ImportError: yaml = None</c> is a fallback, not the name's usual meaning.
    /// </summary>
    private void BindImport(Dictionary<string, Binding> scope, string name, string target)
    {
        if (_preferPythonThree && scope.TryGetValue(name, out var earlier) && earlier.ImportTarget is { } kept
            && IsPythonTwoOnly(target) && !IsPythonTwoOnly(kept))
        {
            return; // `except ImportError: import cPickle as pickle` is the fallback Python 3 never takes
        }

        scope[name] = new Binding(target);
    }

    private static bool IsPythonTwoOnly(string target)
    {
        var dot = target.IndexOf('.', StringComparison.Ordinal);
        return PythonTwoOnly.Contains(dot < 0 ? target : target[..dot]);
    }

    private static void BindLocal(Dictionary<string, Binding> scope, string name) => scope.TryAdd(name, default);

    private static void BindTargets(Dictionary<string, Binding> scope, ExprNode target)
    {
        switch (target)
        {
            case Name name:
                BindLocal(scope, name.Id);
                break;
            case PyTuple tuple:
                foreach (var element in tuple.Elts)
                {
                    BindTargets(scope, element);
                }

                break;
            case PyList list:
                foreach (var element in list.Elts)
                {
                    BindTargets(scope, element);
                }

                break;
            case Starred starred:
                BindTargets(scope, starred.Value);
                break;
        }
    }
}
