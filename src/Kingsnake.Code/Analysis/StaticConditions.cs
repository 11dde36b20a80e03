using Kingsnake.Python.Ast;
using PyAttribute = Kingsnake.Python.Ast.Attribute;
using PyTuple = Kingsnake.Python.Ast.Tuple;

namespace Kingsnake.Code.Analysis;

/// <summary>
/// Conditions whose value is known for any run on Python 3: <c>TYPE_CHECKING</c> is false at run time (its block is read
/// only by type checkers), and Python-2 tests (<c>sys.version_info &lt; (3,)</c>, <c>sys.version_info[0] == 2</c>,
/// <c>six.PY2</c>, <c>PY2</c>) are false. Code under a condition known false never runs, so it is not reported.
/// Anything finer (a minor version, a platform) stays unknown: it may run somewhere.
/// </summary>
internal static class StaticConditions
{
    /// <summary>True or false when <paramref name="test"/> has that value on every Python 3; null when it may vary.</summary>
    /// <param name="qualifiedName">Resolves a name as the file's imports bind it (<c>t.TYPE_CHECKING</c> → <c>typing.TYPE_CHECKING</c>).</param>
    public static bool? OnPython3(ExprNode test, Func<ExprNode, string?> qualifiedName, int depth = 0)
    {
        if (depth > 16)
        {
            return null;
        }

        switch (test)
        {
            case UnaryOp { Op: UnaryOperator.Not, Operand: var operand }:
                return !OnPython3(operand, qualifiedName, depth + 1);
            case BoolOp { Op: BoolOperator.And } and:
                return and.Values.Any(v => OnPython3(v, qualifiedName, depth + 1) == false) ? false
                    : and.Values.All(v => OnPython3(v, qualifiedName, depth + 1) == true) ? true : null;
            case BoolOp { Op: BoolOperator.Or } or:
                return or.Values.Any(v => OnPython3(v, qualifiedName, depth + 1) == true) ? true
                    : or.Values.All(v => OnPython3(v, qualifiedName, depth + 1) == false) ? false : null;
            case Name or PyAttribute:
                return Flag(test, qualifiedName);
            case Compare { Ops.Count: 1, Comparators.Count: 1 } compare:
                return VersionComparison(compare, qualifiedName);
            default:
                return null;
        }
    }

    private static bool? Flag(ExprNode test, Func<ExprNode, string?> qualifiedName)
    {
        var last = test switch
        {
            Name name => name.Id,
            PyAttribute attribute => attribute.Attr,
            _ => null,
        };
        if (last == "TYPE_CHECKING")
        {
            // typing.TYPE_CHECKING, typing_extensions.TYPE_CHECKING, or the module-level constant projects define for it.
            return false;
        }

        return last switch
        {
            "PY2" or "IS_PY2" or "is_py2" or "PY2K" => false,
            "PY3" or "IS_PY3" or "is_py3" => true,
            _ => null,
        };
    }

    /// <summary><c>sys.version_info</c> (or its <c>[0]</c>/<c>.major</c>) compared with a major version 2 or 3.</summary>
    private static bool? VersionComparison(Compare compare, Func<ExprNode, string?> qualifiedName)
    {
        var left = compare.Left;
        var op = compare.Ops[0];
        var right = compare.Comparators[0];
        int? bound;
        if (IsVersionInfo(left, qualifiedName))
        {
            // sys.version_info < (3,) / (3, 0): only a tuple whose later parts are zero is a whole-major bound.
            bound = right is PyTuple { Elts.Count: >= 1 } tuple && tuple.Elts.Skip(1).All(e => IntValue(e) == 0) ? IntValue(tuple.Elts[0]) : null;
        }
        else if (IsMajor(left, qualifiedName))
        {
            bound = IntValue(right);
        }
        else
        {
            return null;
        }

        // The running major version is 3: compare 3 with the bound.
        return bound switch
        {
            null => null,
            var b when b is < 2 or > 3 => null,
            var b => op switch
            {
                CmpOperator.Lt => 3 < b,
                CmpOperator.LtE => IsMajor(left, qualifiedName) ? 3 <= b : (b == 3 ? null : 3 <= b),
                CmpOperator.Gt => IsMajor(left, qualifiedName) ? 3 > b : (b == 3 ? null : 3 > b),
                CmpOperator.GtE => 3 >= b,
                CmpOperator.Eq => IsMajor(left, qualifiedName) ? 3 == b : null,
                CmpOperator.NotEq => IsMajor(left, qualifiedName) ? 3 != b : null,
                _ => null,
            },
        };
    }

    private static bool IsVersionInfo(ExprNode node, Func<ExprNode, string?> qualifiedName) =>
        node is PyAttribute { Attr: "version_info" } or Name { Id: "version_info" } && qualifiedName(node) == "sys.version_info";

    private static bool IsMajor(ExprNode node, Func<ExprNode, string?> qualifiedName) => node switch
    {
        Subscript { Slice: var index, Value: var value } => IntValue(index) == 0 && IsVersionInfo(value, qualifiedName),
        PyAttribute { Attr: "major", Value: var value } => IsVersionInfo(value, qualifiedName),
        _ => false,
    };

    private static int? IntValue(ExprNode? node) =>
        node is Constant { Value: { Kind: ConstantKind.Int } value } && value.Integer >= 0 && value.Integer <= 100 ? (int)value.Integer : null;
}
