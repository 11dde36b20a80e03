using Kingsnake.Python.Ast;
using PyAttribute = Kingsnake.Python.Ast.Attribute;

namespace Kingsnake.Code.Rules.Support;

/// <summary>
/// Signs that a function checks the paths it builds: any of these in a body makes the path-traversal rules stay
/// quiet there (a missed bug costs less trust than a false alarm on code that does check).
/// </summary>
internal static class PathChecks
{
    /// <summary>
    /// <c>basename</c>, <c>realpath</c>, <c>abspath</c>, <c>normpath</c>, <c>commonpath</c>/<c>commonprefix</c>,
    /// <c>Path.resolve</c>, <c>is_relative_to</c>/<c>relative_to</c>, <c>startswith</c>, <c>secure_filename</c>,
    /// <c>safe_join</c> (called as a method, attribute or bare name), or a string literal containing <c>..</c>.
    /// </summary>
    public static bool IsCheck(Node node) => node switch
    {
        Constant constant => Literals.Text(constant)?.Contains("..", StringComparison.Ordinal) == true,
        Call { Func: PyAttribute { Attr: var attr } } => IsCheckName(attr),
        Call { Func: Name { Id: var id } } => IsCheckName(id),
        _ => false,
    };

    private static bool IsCheckName(string name) =>
        name is "basename" or "realpath" or "abspath" or "normpath" or "commonpath" or "commonprefix" or "resolve" or "is_relative_to"
            or "relative_to" or "startswith" or "secure_filename" or "safe_join";

    /// <summary>
    /// True when some <c>if</c>/<c>while</c>/<c>assert</c> test (or conditional expression) of the body passes a
    /// tainted name to a function: <c>if not is_within_directory(base, path): raise ...</c> is a project's own check.
    /// Calls on the name (<c>path.endswith("/")</c>) do not count: they test the shape, not the place.
    /// </summary>
    public static bool IsTestedInCondition(IEnumerable<Node> body, HashSet<string> tainted)
    {
        foreach (var node in body)
        {
            var test = node switch
            {
                If conditional => conditional.Test,
                While loop => loop.Test,
                Assert assertion => assertion.Test,
                IfExp expression => expression.Test,
                _ => null,
            };
            if (test is null)
            {
                continue;
            }

            foreach (var inner in AstWalker.Descendants(test))
            {
                if (inner is Call call && call.Args.Any(a => a is Name { Id: var id } && tainted.Contains(id)))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
