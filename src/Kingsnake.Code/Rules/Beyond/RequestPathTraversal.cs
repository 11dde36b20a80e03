using System.Text.RegularExpressions;
using Kingsnake.Code.Analysis;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;
using PyAttribute = Kingsnake.Python.Ast.Attribute;

namespace Kingsnake.Code.Rules.Beyond;

/// <summary>
/// Path traversal in a web handler: request data (Flask's <c>request.args/form/files/...</c>, Django's
/// <c>request.GET/POST/FILES</c>, DRF's <c>request.query_params/data</c>, a Flask <c>&lt;path:x&gt;</c> or FastAPI
/// <c>{x:path}</c> route parameter) reaches <c>os.path.join</c>, <c>open</c> or <c>send_file</c> in the same function
/// with no check on the way (CVE-2024-22204, whoogle-search; CVE-2022-31507, ganga).
/// </summary>
public sealed partial class RequestPathTraversal : CallRule
{
    public override Rule Descriptor { get; } = DescribeOwn(
        "PY809", "request-path-traversal", "Request data used as a file path", Severity.High, Confidence.Medium, 22, null, """
        A file name taken from the request (`request.args["name"]`, `request.files["f"].filename`,
        `request.GET["path"]`, a `<path:name>` route parameter) and joined to a directory with `os.path.join`, or
        passed to `open`/`send_file`, reaches any file the server can read or write: `../../etc/passwd`, or an
        absolute path, which makes `os.path.join` drop the directory altogether. Advisories of this shape:
        CVE-2024-22204 (whoogle-search, a POSTed name joined into a path) and CVE-2022-31507
        (GHSA-7488-6x3r-23w5, ganga, `send_file` on a request path).

        The rule follows request values through the local variables of one handler. It stays quiet when the
        function shows any check: `os.path.basename`, `werkzeug.utils.secure_filename`, `safe_join`,
        `realpath`/`abspath`/`normpath`, `commonpath`, `Path.resolve`, `is_relative_to`, `startswith`, a `".."`
        literal, or a condition that passes a request-derived value to a function (`if not is_safe(path): abort(404)`). Route parameters count only with a converter that admits `/` (Flask `path:`, Starlette/FastAPI
        `:path`).

        **Fix:** `werkzeug.utils.secure_filename(name)` or `os.path.basename(name)` for a bare file name; for
        sub-paths, `flask.send_from_directory`/`werkzeug.security.safe_join`, or resolve with `os.path.realpath`
        and refuse anything outside the base directory.
        """);

    /// <summary>Flask <c>request</c> attributes that hold client data.</summary>
    private static readonly HashSet<string> FlaskAttributes = new(StringComparer.Ordinal) { "args", "form", "values", "files", "view_args", "cookies", "json", "get_json", "data", "headers" };

    /// <summary>Django <c>HttpRequest</c> and DRF <c>Request</c> attributes that hold client data.</summary>
    private static readonly HashSet<string> DjangoAttributes = new(StringComparer.Ordinal) { "GET", "POST", "FILES", "COOKIES", "query_params", "data" };

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        var isJoin = qualifiedName is "os.path.join" or "posixpath.join";
        var isOpen = !isJoin && call.Args.Count > 0 && qualifiedName is "open" or "io.open" or "flask.send_file" or "flask.helpers.send_file" or "werkzeug.utils.send_file";
        if (!isJoin && !isOpen)
        {
            return;
        }

        var scope = context.EnclosingScope();
        if (scope is not (FunctionDef or AsyncFunctionDef))
        {
            return; // handlers are functions
        }

        var facts = context.Memo(scope, () => Analyze(scope, context));
        if (facts.Tainted is null)
        {
            return;
        }

        var isSource = facts.IsSource;
        if (isJoin)
        {
            // The first part is the base directory; a later part from the request can climb out of it (or replace it).
            for (var i = 1; i < call.Args.Count; i++)
            {
                if (LocalFlow.Carries(call.Args[i], facts.Tainted, isSource, NoBarrier))
                {
                    context.Report(this, call, $"os.path.join takes {MessageText.Origin(call.Args[i])} from the request unchecked: '../' or an absolute path escapes the base directory; use secure_filename or safe_join");
                    return;
                }
            }

            return;
        }

        // open()/send_file() straight on request data; a path built by os.path.join is reported at the join.
        if (LocalFlow.Carries(call.Args[0], facts.TaintedNotJoined!, isSource, IsJoin))
        {
            context.Report(this, call, $"{MessageText.Callee(call)} opens {MessageText.Origin(call.Args[0])}, taken from the request unchecked: '../' or an absolute path reaches any file; use secure_filename or send_from_directory");
        }
    }

    private static RequestFacts Analyze(Node scope, FileContext context)
    {
        var flow = context.Memo(scope, () => LocalFlow.Of(scope));
        foreach (var node in flow.Nodes)
        {
            if (PathChecks.IsCheck(node))
            {
                return RequestFacts.None;
            }
        }

        var parameters = flow.Parameters.ToHashSet(StringComparer.Ordinal);
        var seeds = RouteParameters(scope).Where(parameters.Contains).ToList();
        var flask = context.Imports("flask");
        var django = context.Imports("django") || context.Imports("rest_framework");
        if (seeds.Count == 0 && !flask && !django)
        {
            return RequestFacts.None;
        }

        bool IsSource(ExprNode expression) => expression is PyAttribute { Attr: var attr, Value: var owner }
            && ((flask && FlaskAttributes.Contains(attr) && context.QualifiedName(owner) == "flask.request")
                || (django && DjangoAttributes.Contains(attr) && IsRequestParameter(owner, parameters)));

        var hasSource = seeds.Count > 0 || flow.Nodes.Any(n => n is ExprNode e && IsSource(e));
        if (!hasSource)
        {
            return RequestFacts.None;
        }

        var tainted = flow.Taint(IsSource, NoBarrier, seeds);
        return PathChecks.IsTestedInCondition(flow.Nodes, tainted) ? RequestFacts.None : new RequestFacts(tainted, flow.Taint(IsSource, IsJoin, seeds), IsSource);
    }

    /// <summary>The handler's <c>request</c> parameter, or <c>self.request</c> in a class-based view.</summary>
    private static bool IsRequestParameter(ExprNode owner, HashSet<string> parameters) => owner switch
    {
        Name { Id: var id } => parameters.Contains(id) && id.Contains("request", StringComparison.OrdinalIgnoreCase),
        PyAttribute { Attr: "request", Value: Name { Id: "self" } } => true,
        _ => false,
    };

    /// <summary>Parameters a route decorator fills from a path segment that may hold '/': Flask <c>&lt;path:x&gt;</c>, Starlette <c>{x:path}</c>.</summary>
    private static IEnumerable<string> RouteParameters(Node scope)
    {
        var decorators = scope switch
        {
            FunctionDef f => f.DecoratorList,
            AsyncFunctionDef f => f.DecoratorList,
            _ => [],
        };
        foreach (var decorator in decorators)
        {
            if (decorator is not Call { Func: PyAttribute { Attr: "route" or "get" or "post" or "put" or "patch" or "delete" or "api_route" or "websocket" }, Args: [var template, ..] }
                || Literals.Text(template) is not { } route)
            {
                continue;
            }

            foreach (System.Text.RegularExpressions.Match match in PathParameter().Matches(route))
            {
                yield return match.Groups["flask"].Success ? match.Groups["flask"].Value : match.Groups["star"].Value;
            }
        }
    }

    private static bool NoBarrier(Call call) => false;

    private static bool IsJoin(Call call) => Literals.DottedText(call.Func) is "os.path.join" or "posixpath.join" or "path.join" or "join";

    [GeneratedRegex(@"<path:(?<flask>[A-Za-z_][A-Za-z0-9_]*)>|\{(?<star>[A-Za-z_][A-Za-z0-9_]*):path\}", RegexOptions.CultureInvariant)]
    private static partial Regex PathParameter();

    private sealed record RequestFacts(HashSet<string>? Tainted, HashSet<string>? TaintedNotJoined, Func<ExprNode, bool> IsSource)
    {
        public static readonly RequestFacts None = new(null, null, _ => false);
    }
}
