using System.Text;
using System.Text.RegularExpressions;
using Kingsnake.Code.Analysis;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;
using PyAttribute = Kingsnake.Python.Ast.Attribute;

namespace Kingsnake.Code.Rules;

/// <summary>B608: SQL text built by string operations (<c>+</c>, <c>%</c>, <c>.format</c>, <c>.replace</c>, f-strings).</summary>
public sealed partial class SqlStringBuilding : CodeRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY608", "sql-string-building", "SQL statement assembled with string operations", Severity.Medium, Confidence.Low, 89, "B608", "S608", """
        A SQL statement is assembled with string operations; if any interpolated piece comes from outside, it can
        change the statement (SQL injection). Confidence is medium when the text goes straight into
        `.execute()`/`.executemany()`, low otherwise.

        **Fix:** pass values as query parameters (`cursor.execute("SELECT … WHERE id = %s", (user_id,))`); for
        identifiers, pick them from a fixed allow-list.

        **Differs from Bandit:** Bandit matches `select … from`, `delete from`, `insert into … values` and
        `update … set` anywhere in the text, so English prose fires; Kingsnake also requires the text to begin with
        the SQL keyword. A `+` chain is reported once (Bandit reports it once per string piece).
        """);

    [GeneratedRegex(@"(select\s.*from\s|delete\s+from\s|insert\s+into\s.*values\s|update\s.*set\s)", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex SqlPattern();

    [GeneratedRegex(@"^[\s(]*(select|delete|insert|update|with)\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SqlStart();

    public override string BanditId => "B608";

    public override string BanditName => "hardcoded_sql_expressions";

    public override IReadOnlyList<NodeKind> NodeKinds => StringConstants.Kinds;

    public override void Check(Node node, FileContext context)
    {
        if (StringConstants.Candidate(node, context) is not { } text)
        {
            return;
        }

        string statement;
        string how;
        ExprNode built;
        Node? wrapper;
        var replace = false;
        switch (context.Parent)
        {
            case BinOp parent:
                var topLevel = context.OperatorChainLevels();
                var top = (BinOp)context.Ancestor(topLevel)!;
                var pieces = context.Memo(top, () => StringPieces(top));
                wrapper = context.Ancestor(topLevel + 1);
                how = top.Op switch
                {
                    BinaryOperator.Add => "+ concatenation",
                    BinaryOperator.Mod => "% formatting",
                    _ => "string operators",
                };
                built = top;
                if (context.BanditCompatible && pieces.Count <= MaxBanditChainPieces)
                {
                    statement = BanditConcatenation(text, top, parent);
                }
                else
                {
                    // Bandit mode too on a chain too long to rebuild per piece (one statement per piece is
                    // quadratic): one finding per chain, on its first string piece.
                    if ((!context.BanditCompatible && !IsConcatenation(top)) || pieces.Count == 0 || !ReferenceEquals(pieces[0].Node, node))
                    {
                        return;
                    }

                    statement = string.Concat(pieces.Select(p => p.Text));
                }

                break;
            case PyAttribute { Attr: "format" or "replace" } attribute when ReferenceEquals(attribute.Value, node):
                statement = text;
                wrapper = context.Ancestor(3);
                replace = attribute.Attr == "replace";
                how = "." + attribute.Attr + "()";
                built = context.Ancestor(2) as ExprNode ?? attribute;
                break;
            case JoinedStr joined:
                var first = joined.Values.FirstOrDefault(Literals.IsStr);
                if (!ReferenceEquals(first, node))
                {
                    return;
                }

                var builder = new StringBuilder();
                foreach (var value in joined.Values)
                {
                    builder.Append(Literals.Text(value));
                }

                statement = builder.ToString();
                wrapper = context.Ancestor(2);
                how = "an f-string";
                built = joined;
                break;
            default:
                return;
        }

        if (!SqlPattern().IsMatch(statement) || (!context.BanditCompatible && !SqlStart().IsMatch(statement)))
        {
            return;
        }

        if (!context.BanditCompatible && ConstantFolding.IsConstant(built, context))
        {
            // Every part is fixed by the source (`"SELECT … %s" % _ORDERING` with a module constant): no value from
            // outside can reach the statement.
            return;
        }

        var execute = wrapper is Call { Func: var function } && Literals.LastName(function) is "execute" or "executemany";
        var names = MessageText.NamesIn(built);
        var from = names.Count == 0 ? "non-literal parts" : string.Join(", ", names.Select(MessageText.Quote));
        context.Report(this, node, $"SQL statement '{MessageText.Shorten(statement, 50)}' is assembled with {how} from {from}; a value that comes from outside can change the statement",
            confidence: execute && !replace ? Confidence.Medium : Confidence.Low, suppressionRange: context.Parent);
    }

    /// <summary>
    /// The text Bandit's <c>concat_string(node, stop=parent)</c> builds for a string inside an operator chain, quirks
    /// included: the subtree of the string's own parent is left out (so the piece right after the string is never part
    /// of its statement), and each nested operator appends the list built so far to itself again (Python's
    /// <c>bits.extend(bits)</c>). Pieces are joined with spaces. The doubling is capped: a deep chain would otherwise
    /// grow the text exponentially, as it does in Bandit.
    /// </summary>
    private static string BanditConcatenation(string text, BinOp top, BinOp parent)
    {
        const int MaxPieces = 4096;
        const int MaxDepth = 200;
        var bits = new List<string> { text };
        void Get(BinOp current, int depth)
        {
            if (ReferenceEquals(current, parent) || depth > MaxDepth)
            {
                return;
            }

            foreach (var side in (ReadOnlySpan<ExprNode>)[current.Left, current.Right])
            {
                if (side is BinOp nested)
                {
                    Get(nested, depth + 1);
                    if (bits.Count <= MaxPieces)
                    {
                        bits.AddRange([.. bits]);
                    }
                }
                else if (side is Constant { Value: { Kind: ConstantKind.Str, Text: { } piece } } && bits.Count <= MaxPieces)
                {
                    bits.Add(piece);
                }
            }
        }

        Get(top, 0);
        return string.Join(' ', bits);
    }

    private const int MaxBanditChainPieces = 64;

    private static bool IsConcatenation(BinOp top) => top.Op is BinaryOperator.Add or BinaryOperator.Mod;

    /// <summary>The str constants of a binary-operator tree, left to right.</summary>
    private static List<(Node Node, string Text)> StringPieces(BinOp top)
    {
        var pieces = new List<(Node, string)>();
        var pending = new Stack<ExprNode>();
        pending.Push(top);
        while (pending.Count > 0 && pieces.Count < 10_000)
        {
            switch (pending.Pop())
            {
                case BinOp op:
                    pending.Push(op.Right);
                    pending.Push(op.Left);
                    break;
                case Constant { Value: { Kind: ConstantKind.Str, Text: { } piece } } constant:
                    pieces.Add((constant, piece));
                    break;
            }
        }

        return pieces;
    }
}
