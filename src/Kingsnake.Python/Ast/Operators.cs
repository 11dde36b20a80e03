namespace Kingsnake.Python.Ast;

/// <summary>CPython's <c>expr_context</c>.</summary>
public enum ExprContext
{
    Load,
    Store,
    Del,
}

/// <summary>CPython's <c>boolop</c>.</summary>
public enum BoolOperator
{
    And,
    Or,
}

/// <summary>CPython's <c>operator</c> (binary operators, also used by augmented assignment).</summary>
public enum BinaryOperator
{
    Add,
    Sub,
    Mult,
    MatMult,
    Div,
    Mod,
    Pow,
    LShift,
    RShift,
    BitOr,
    BitXor,
    BitAnd,
    FloorDiv,
}

/// <summary>CPython's <c>unaryop</c>.</summary>
public enum UnaryOperator
{
    Invert,
    Not,
    UAdd,
    USub,
}

/// <summary>CPython's <c>cmpop</c>.</summary>
public enum CmpOperator
{
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}

/// <summary>CPython class names of the operator and context singletons (no reflection, no allocation).</summary>
public static class NodeNames
{
    private static readonly string[] Contexts = ["Load", "Store", "Del"];
    private static readonly string[] BoolOps = ["And", "Or"];
    private static readonly string[] BinaryOps = ["Add", "Sub", "Mult", "MatMult", "Div", "Mod", "Pow", "LShift", "RShift", "BitOr", "BitXor", "BitAnd", "FloorDiv"];
    private static readonly string[] UnaryOps = ["Invert", "Not", "UAdd", "USub"];
    private static readonly string[] CmpOps = ["Eq", "NotEq", "Lt", "LtE", "Gt", "GtE", "Is", "IsNot", "In", "NotIn"];

    public static string Of(ExprContext value) => Contexts[(int)value];

    public static string Of(BoolOperator value) => BoolOps[(int)value];

    public static string Of(BinaryOperator value) => BinaryOps[(int)value];

    public static string Of(UnaryOperator value) => UnaryOps[(int)value];

    public static string Of(CmpOperator value) => CmpOps[(int)value];
}
