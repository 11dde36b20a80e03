using Kingsnake.Code.Engine;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules.Support;

/// <summary>How Bandit's string tests see str constants: every one except a bare expression statement (docstrings).</summary>
internal static class StringConstants
{
    public static readonly NodeKind[] Kinds = [NodeKind.Constant];

    /// <summary>The text of the current str constant when a string test should look at it, else null.</summary>
    public static string? Candidate(Node node, FileContext context) =>
        node is Constant { Value: { Kind: ConstantKind.Str, Text: { } text } } && context.Parent is not Expr ? text : null;
}
