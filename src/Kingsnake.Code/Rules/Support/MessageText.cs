using System.Text;
using Kingsnake.Code.Engine;
using Kingsnake.Python.Ast;
using PyAttribute = Kingsnake.Python.Ast.Attribute;
using PyList = Kingsnake.Python.Ast.List;
using PyTuple = Kingsnake.Python.Ast.Tuple;

namespace Kingsnake.Code.Rules.Support;

/// <summary>
/// Pieces of finding messages: what an expression is built from, a short source excerpt, a masked secret. Messages
/// name the concrete thing found so a reader can act on them without opening the file first.
/// </summary>
internal static class MessageText
{
    private const int MaxNames = 3;

    /// <summary>
    /// Where a value comes from, as a phrase: <c>'cmd'</c>, <c>an f-string using 'host'</c>,
    /// <c>a concatenation using 'a', 'b'</c>, <c>the result of load_config()</c>.
    /// </summary>
    public static string Origin(ExprNode? expression)
    {
        switch (expression)
        {
            case null:
                return "an unknown value";
            case Name or PyAttribute when Literals.DottedText(expression) is { } dotted:
                return Quote(dotted);
            case Constant { Value.Kind: ConstantKind.Str } constant:
                return "the literal " + Quote(Shorten(Literals.Text(constant) ?? "", 40));
            case JoinedStr:
                return WithNames("an f-string", expression);
            case BinOp { Op: BinaryOperator.Add }:
                return WithNames("a concatenation", expression);
            case BinOp { Op: BinaryOperator.Mod }:
                return WithNames("%-formatting", expression);
            case Call { Func: PyAttribute { Attr: "format" } }:
                return WithNames("str.format", expression);
            case Call call when Literals.DottedText(call.Func) is { } function:
                return "the result of " + function + "()";
            case Subscript { Value: var container } when Literals.DottedText(container) is { } dotted:
                return "an item of " + Quote(dotted);
            case PyList:
                return WithNames("a list", expression);
            case PyTuple:
                return WithNames("a tuple", expression);
            case Starred { Value: var inner }:
                return "the unpacked " + Origin(inner);
            default:
                return WithNames("a computed value", expression);
        }
    }

    /// <summary>
    /// Where the current string constant is used, as a phrase to append: <c> passed as host= to app.run</c>,
    /// <c> assigned to 'HOST'</c>, or empty when the use is nothing simpler to name.
    /// </summary>
    public static string Placement(FileContext context)
    {
        var parent = context.Parent;
        if (parent is PyTuple)
        {
            parent = context.Ancestor(2);
        }

        return parent switch
        {
            Keyword { Arg: { } keyword } when context.Ancestor(2) is Call call => $" passed as {keyword}= to {Callee(call)}",
            Call call => $" passed to {Callee(call)}",
            Assign { Targets: [var target, ..] } when Literals.DottedText(target) is { } name => " assigned to " + Quote(name),
            AnnAssign { Target: var target } when Literals.DottedText(target) is { } name => " assigned to " + Quote(name),
            _ => "",
        };
    }

    /// <summary>The callee of a call as written (<c>app.run</c>), or <c>a call</c> when it is not a dotted name.</summary>
    public static string Callee(Call call) => CalleeText(call.Func, 0);

    /// <summary>A literal command or path as a message shows it: quoted, whitespace collapsed, shortened.</summary>
    public static string LiteralText(ExprNode expression, int max = 50) => Quote(Shorten(Literals.Text(expression) ?? "", max));

    private static string CalleeText(ExprNode function, int depth) => Literals.DottedText(function) ?? function switch
    {
        // `tarfile.open(p).extractall` reads as tarfile.open(…).extractall
        PyAttribute { Value: Call inner } attribute when depth < 4 => CalleeText(inner.Func, depth + 1) + "(…)." + attribute.Attr,
        PyAttribute attribute => "…." + attribute.Attr,
        _ => "a call",
    };

    /// <summary>A one-line excerpt of a node's source, whitespace collapsed, cut at <paramref name="max"/> characters.</summary>
    public static string Excerpt(FileContext context, Node node, int max = 60) => Shorten(context.TextOf(node), max);

    /// <summary>
    /// A secret with all but its first one or two characters masked (<c>hunter2</c> → <c>hu*****</c>), so a report
    /// never spreads the value it warns about. Short values keep at most one character.
    /// </summary>
    public static string Mask(string secret)
    {
        var shown = secret.Length switch
        {
            <= 2 => 0,
            <= 5 => 1,
            _ => 2,
        };
        var visible = secret[..shown];
        return visible + new string('*', Math.Min(secret.Length - shown, 8));
    }

    /// <summary>Text in single quotes, as Python would show a name or a short string.</summary>
    public static string Quote(string text) => "'" + text + "'";

    /// <summary>Whitespace runs collapsed to one space, and the text cut with an ellipsis beyond <paramref name="max"/>.</summary>
    public static string Shorten(string text, int max)
    {
        var builder = new StringBuilder(Math.Min(text.Length, max + 1));
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
            if (builder.Length > max)
            {
                builder.Length = max;
                return builder.Append('…').ToString();
            }
        }

        return builder.ToString();
    }

    /// <summary>The variables an expression reads (outermost dotted names, callee names skipped), at most three.</summary>
    public static IReadOnlyList<string> NamesIn(ExprNode expression)
    {
        var names = new List<string>();
        var pending = new Stack<Node>();
        pending.Push(expression);
        var visited = 0;
        while (pending.Count > 0 && names.Count < MaxNames && visited++ < 10_000)
        {
            var node = pending.Pop();
            switch (node)
            {
                case Name or PyAttribute when Literals.DottedText((ExprNode)node) is { } dotted:
                    if (!names.Contains(dotted))
                    {
                        names.Add(dotted);
                    }

                    continue;
                case Call call:
                    // The callee is not data; a method call's receiver is (`name.upper()` reads `name`).
                    for (var i = call.Keywords.Count - 1; i >= 0; i--)
                    {
                        pending.Push(call.Keywords[i].Value);
                    }

                    for (var i = call.Args.Count - 1; i >= 0; i--)
                    {
                        pending.Push(call.Args[i]);
                    }

                    if (call.Func is PyAttribute { Value: var receiver } && receiver is not Constant)
                    {
                        pending.Push(receiver);
                    }

                    continue;
            }

            node.PushChildren(pending);
        }

        return names;
    }

    private static string WithNames(string what, ExprNode expression)
    {
        var names = NamesIn(expression);
        return names.Count == 0 ? what : what + " using " + string.Join(", ", names.Select(Quote));
    }
}
