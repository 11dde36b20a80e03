using Kingsnake.Python.Ast;
using PyAttribute = Kingsnake.Python.Ast.Attribute;
using PyList = Kingsnake.Python.Ast.List;
using PyTuple = Kingsnake.Python.Ast.Tuple;

namespace Kingsnake.Code;

/// <summary>Reading literal values out of expressions, the way rules need them.</summary>
internal static class Literals
{
    /// <summary>The text of a str constant, or null.</summary>
    public static string? Text(ExprNode? expression) =>
        expression is Constant { Value: { Kind: ConstantKind.Str, Text: { } text } } ? text : null;

    public static bool IsStr(ExprNode? expression) => expression is Constant { Value.Kind: ConstantKind.Str };

    /// <summary>A constant, or a list/tuple/set made only of literals (what Bandit calls a literal value).</summary>
    public static bool IsLiteral(ExprNode? expression, int depth = 0) => depth < 32 && expression switch
    {
        Constant => true,
        PyList list => list.Elts.All(e => IsLiteral(e, depth + 1)),
        PyTuple tuple => tuple.Elts.All(e => IsLiteral(e, depth + 1)),
        Set set => set.Elts.All(e => IsLiteral(e, depth + 1)),
        Dict dict => dict.Keys.All(k => k is null || IsLiteral(k, depth + 1)) && dict.Values.All(v => IsLiteral(v, depth + 1)),
        _ => false,
    };

    /// <summary>
    /// Python truthiness of a literal: true/false when the expression is a literal, null when it is not (a name,
    /// a call), whose value is unknown.
    /// </summary>
    public static bool? Truthiness(ExprNode? expression) => expression switch
    {
        Constant { Value: var value } => value.Kind switch
        {
            ConstantKind.None or ConstantKind.False => false,
            ConstantKind.True or ConstantKind.Ellipsis => true,
            ConstantKind.Int => !value.Integer.IsZero,
            ConstantKind.Float or ConstantKind.Complex => value.Float != 0,
            ConstantKind.Str => value.Text!.Length > 0,
            ConstantKind.Bytes => value.Bytes!.Length > 0,
            _ => null,
        },
        PyList list => list.Elts.Count > 0,
        PyTuple tuple => tuple.Elts.Count > 0,
        Set set => set.Elts.Count > 0,
        Dict dict => dict.Keys.Count > 0,
        _ => null,
    };

    public static Keyword? KeywordArgument(Call call, string name)
    {
        foreach (var keyword in call.Keywords)
        {
            if (keyword.Arg == name)
            {
                return keyword;
            }
        }

        return null;
    }

    /// <summary>True when the call passes <c>**kwargs</c>, which may hold any keyword.</summary>
    public static bool HasDoubleStar(Call call) => call.Keywords.Any(k => k.Arg is null);

    /// <summary>The dotted text of a name or attribute chain, without resolution (<c>app.run</c>); null for anything else.</summary>
    public static string? DottedText(ExprNode expression)
    {
        switch (expression)
        {
            case Name name:
                return name.Id;
            case PyAttribute attribute:
                var parts = new List<string>();
                ExprNode current = attribute;
                while (current is PyAttribute step && parts.Count < 64)
                {
                    parts.Add(step.Attr);
                    current = step.Value;
                }

                if (current is not Name head)
                {
                    return null;
                }

                parts.Add(head.Id);
                parts.Reverse();
                return string.Join('.', parts);
            default:
                return null;
        }
    }

    /// <summary>The last name of an attribute chain or a name (<c>ssl.PROTOCOL_SSLv2</c> is <c>PROTOCOL_SSLv2</c>).</summary>
    public static string? LastName(ExprNode? expression) => expression switch
    {
        Name name => name.Id,
        PyAttribute attribute => attribute.Attr,
        _ => null,
    };
}
