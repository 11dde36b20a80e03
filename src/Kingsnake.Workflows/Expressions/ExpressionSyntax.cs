namespace Kingsnake.Workflows.Expressions;

/// <summary>
/// A node of a parsed <c>${{ }}</c> expression. <see cref="Start"/> and <see cref="End"/> are 0-based offsets
/// (end exclusive) into the string the expression was parsed from (usually a YAML scalar's value).
/// </summary>
public abstract record ExpressionSyntax(int Start, int End);

public enum LiteralKind
{
    Null,
    Boolean,
    Number,
    String,
}

/// <summary><c>null</c>, <c>true</c>, <c>42</c>, <c>0xff</c>, <c>1e3</c>, <c>'it''s'</c> (value decoded).</summary>
public sealed record LiteralExpression(LiteralKind Kind, string Text, object? Value, int Start, int End) : ExpressionSyntax(Start, End);

/// <summary>A bare name: the root of a context access (<c>github</c>, <c>secrets</c>…).</summary>
public sealed record IdentifierExpression(string Name, int Start, int End) : ExpressionSyntax(Start, End);

/// <summary><c>target.name</c>.</summary>
public sealed record MemberExpression(ExpressionSyntax Target, string Name, int Start, int End) : ExpressionSyntax(Start, End);

/// <summary><c>target[index]</c>.</summary>
public sealed record IndexExpression(ExpressionSyntax Target, ExpressionSyntax Index, int Start, int End) : ExpressionSyntax(Start, End);

/// <summary><c>target.*</c> or <c>target[*]</c>: the object filter, every element's value.</summary>
public sealed record FilterExpression(ExpressionSyntax Target, int Start, int End) : ExpressionSyntax(Start, End);

/// <summary><c>name(arguments…)</c>.</summary>
public sealed record CallExpression(string Name, IReadOnlyList<ExpressionSyntax> Arguments, int Start, int End) : ExpressionSyntax(Start, End)
{
    /// <summary>True when the function is <paramref name="name"/> (function names are case-insensitive).</summary>
    public bool Is(string name) => Name.Equals(name, StringComparison.OrdinalIgnoreCase);
}

/// <summary><c>!operand</c>.</summary>
public sealed record NotExpression(ExpressionSyntax Operand, int Start, int End) : ExpressionSyntax(Start, End);

public enum BinaryOperator
{
    Or,
    And,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

public sealed record BinaryExpression(BinaryOperator Operator, ExpressionSyntax Left, ExpressionSyntax Right, int Start, int End) : ExpressionSyntax(Start, End);
