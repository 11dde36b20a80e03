namespace Kingsnake.Python.Ast;

public sealed partial class JoinedStr
{
    /// <summary>
    /// For a format spec: the span of the f-string token that holds it. CPython before 3.12 parsed f-strings from
    /// the string token's text and gave a spec that span, so <see cref="AstDump"/> needs it to print older versions.
    /// </summary>
    public (int Line, int Column, int EndLine, int EndColumn)? FStringTokenSpan { get; internal set; }
}
