namespace Kingsnake.Core.Shell;

/// <summary>A redirection: its operator (<c>&gt;</c>, <c>&gt;&gt;</c>, <c>&lt;</c>, <c>&lt;&lt;</c>, …, with no fd digits) and the word after it.</summary>
public sealed record ShellRedirect(string Operator, ShellWord Target)
{
    /// <summary>True for output to a file: <c>&gt;</c>, <c>&gt;&gt;</c>, <c>&gt;|</c>, <c>&amp;&gt;</c>, <c>&amp;&gt;&gt;</c> (not a descriptor copy like <c>&gt;&amp;2</c>).</summary>
    public bool WritesFile => Operator is ">" or ">>" or ">|" or "&>" or "&>>";
}
