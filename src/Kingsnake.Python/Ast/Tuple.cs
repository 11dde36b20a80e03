namespace Kingsnake.Python.Ast;

public sealed partial class Tuple
{
    /// <summary>
    /// For an unparenthesized tuple that is a whole f-string replacement field (<c>f'{a, b}'</c>): the span CPython
    /// before 3.12 gave it, from '{' to the delimiter after the expression, because it parsed the field wrapped in
    /// parentheses. <see cref="AstDump"/> prints it for those versions.
    /// </summary>
    public (int Line, int Column, int EndLine, int EndColumn)? LegacyFStringSpan { get; internal set; }
}
