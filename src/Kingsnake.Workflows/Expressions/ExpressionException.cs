namespace Kingsnake.Workflows.Expressions;

/// <summary>A malformed expression: what is wrong and the 0-based offset where it was found.</summary>
public sealed class ExpressionException : Exception
{
    public ExpressionException(string message, int offset)
        : base(message)
    {
        Offset = offset;
    }

    public ExpressionException() : this("malformed expression", 0) { }

    public ExpressionException(string message) : this(message, 0) { }

    public ExpressionException(string message, Exception inner) : base(message, inner) { }

    public int Offset { get; }
}
