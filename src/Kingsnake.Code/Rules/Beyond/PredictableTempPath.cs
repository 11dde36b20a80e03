using Kingsnake.Code.Analysis;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules.Beyond;

/// <summary>
/// A file created for writing under <c>tempfile.gettempdir()</c> with a fixed name: another local user can create the
/// name first, as a symlink to a file of the victim's (CVE-2014-1838, CVE-2011-4617, CVE-2013-1888).
/// </summary>
public sealed class PredictableTempPath : CallRule
{
    private const int MaxDepth = 6;

    public override Rule Descriptor { get; } = DescribeOwn(
        "PY808", "predictable-temp-path", "File written at a predictable name in the shared temp directory", Severity.Medium, Confidence.Medium, 377, null, """
        The system temp directory is shared by every local user. A program that opens
        `os.path.join(tempfile.gettempdir(), "app.log")` (or a name made only of literals and the process id) for
        writing can be raced: another user creates that name first as a symlink to one of the victim's files, and
        the program overwrites it. Advisories of this shape: CVE-2014-1838 (GHSA-rr52-wg7f-8875, logilab-common's
        `/tmp/toto.fdf`), CVE-2011-4617 (virtualenv), CVE-2013-1888 (GHSA-4gv5-qhvr-36vv, pip's `/tmp/pip-build`).

        Literal `/tmp/...` strings are PY108's (Bandit B108); this rule covers names built from
        `tempfile.gettempdir()`, which B108 cannot see, and only when the file is opened for
        writing without `"x"` (exclusive creation).

        **Fix:** `tempfile.NamedTemporaryFile(delete=False)`, `tempfile.mkstemp()`, or a private directory from
        `tempfile.mkdtemp()`; if the name must be fixed, create it with mode `"x"` (or `os.O_CREAT | os.O_EXCL`).
        """);

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        if (FileWrites.WrittenPath(call, qualifiedName, context) is not { } path
            || FileWrites.Mode(call, 1)?.Contains('x', StringComparison.Ordinal) == true
            || context.TextOf(call).Contains("O_EXCL", StringComparison.Ordinal))
        {
            return;
        }

        var scope = context.EnclosingScope();
        var flow = new Scopes(context.Memo(scope, () => LocalFlow.Of(scope)), context.Memo(context.Parsed.Module, () => LocalFlow.Of(context.Parsed.Module)));
        if (IsTempPath(path, flow, call.Lineno, context, 0))
        {
            // CVE-2014-1838, CVE-2011-4617, CVE-2013-1888
            context.Report(this, call, $"{MessageText.Callee(call)} writes to {MessageText.Origin(path)}, a fixed name in the shared temp directory; another user can plant a symlink there first (use tempfile.mkstemp or NamedTemporaryFile)");
        }
    }

    /// <summary>A path made of the temp directory and fixed parts only.</summary>
    private static bool IsTempPath(ExprNode path, Scopes flow, int line, FileContext context, int depth)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        switch (path)
        {
            case Name { Id: var name } when flow.Bound(name, line) is { } value:
                return IsTempPath(value, flow, line, context, depth + 1);
            case Call join when context.QualifiedName(join.Func) is "os.path.join" or "posixpath.join" && join.Args.Count >= 2 && join.Keywords.Count == 0:
                return IsTempDir(join.Args[0], flow, line, context, depth + 1) && join.Args.Skip(1).All(a => IsFixed(a, flow, line, context, depth + 1));
            case BinOp { Op: BinaryOperator.Add or BinaryOperator.Div, Left: var left, Right: var right }:
                return (IsTempDir(left, flow, line, context, depth + 1) || IsTempPath(left, flow, line, context, depth + 1)) && IsFixed(right, flow, line, context, depth + 1);
            case JoinedStr { Values: [FormattedValue { Value: var head }, _, ..] } joined:
                return IsTempDir(head, flow, line, context, depth + 1) && joined.Values.Skip(1).All(p => IsFixed(p, flow, line, context, depth + 1));
            default:
                return false;
        }
    }

    private static bool IsTempDir(ExprNode expression, Scopes flow, int line, FileContext context, int depth) =>
        depth <= MaxDepth && expression switch
        {
            Call { Args.Count: 0 } call => context.QualifiedName(call.Func) is "tempfile.gettempdir" or "tempfile.gettempdirb",
            Call { Args: [var inner] } call => context.QualifiedName(call.Func) is "pathlib.Path" && IsTempDir(inner, flow, line, context, depth + 1),
            Name { Id: var name } when flow.Bound(name, line) is { } value => IsTempDir(value, flow, line, context, depth + 1),
            _ => false,
        };

    /// <summary>Literal text, or values another user can guess: the process and user ids, the user name.</summary>
    private static bool IsFixed(ExprNode expression, Scopes flow, int line, FileContext context, int depth) =>
        depth <= MaxDepth && expression switch
        {
            Constant constant => Literals.IsStr(constant),
            FormattedValue { Value: var value } => IsFixed(value, flow, line, context, depth + 1),
            JoinedStr joined => joined.Values.All(v => IsFixed(v, flow, line, context, depth + 1)),
            BinOp { Op: BinaryOperator.Add, Left: var left, Right: var right } => IsFixed(left, flow, line, context, depth + 1) && IsFixed(right, flow, line, context, depth + 1),
            BinOp { Op: BinaryOperator.Mod, Left: Constant, Right: var right } => IsFixed(right, flow, line, context, depth + 1),
            Call { Args.Count: 0 } call => context.QualifiedName(call.Func) is "os.getpid" or "os.getuid" or "os.getppid" or "getpass.getuser",
            Call { Func: Name { Id: "str" }, Args: [var inner] } => IsFixed(inner, flow, line, context, depth + 1),
            Name { Id: var name } when flow.Bound(name, line) is { } value => IsFixed(value, flow, line, context, depth + 1),
            _ => false,
        };

    /// <summary>The function's bindings, then the module's for names the function does not bind (module constants).</summary>
    private readonly record struct Scopes(LocalFlow Function, LocalFlow Module)
    {
        /// <summary>The value of a name bound exactly once (a constant, as far as one function can tell), or null.</summary>
        public ExprNode? Bound(string name, int line) => Function.BindingCount(name) switch
        {
            1 => Function.LastValueBefore(name, line),
            0 when !ReferenceEquals(Function, Module) && Module.BindingCount(name) == 1 => Module.LastValueBefore(name, int.MaxValue),
            _ => null,
        };
    }
}
