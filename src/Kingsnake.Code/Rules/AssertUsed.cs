using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B101: <c>assert</c> is removed under <c>python -O</c>, so it must not guard anything.</summary>
public sealed class AssertUsed : CodeRule
{
    private static readonly NodeKind[] Kinds = [NodeKind.Assert];

    public override Rule Descriptor { get; } = Describe(
        "PY101", "assert-used", "Check written as an assert statement", Severity.Low, Confidence.High, 703, "B101", "S101", """
        `assert` statements are removed when Python runs with `-O`, so a check written as `assert` (a permission,
        an input validation) silently disappears in optimised deployments.

        **Fix:** raise an exception (`if not ok: raise PermissionError(...)`) for checks that must hold.

        **Differs from Bandit:** Kingsnake reports an assert only where it guards something: its condition names an
        authorization, authentication or validation (`is_admin`, `has_perm`, `csrf`, `signature`, `verified`,
        `token`). Asserts for type narrowing and internal invariants are how Python code documents itself and are
        not reported; nor is test code. Bandit's `assert_used.skips` globs are honoured in both modes.
        """);

    public override string BanditId => "B101";

    public override string BanditName => "assert_used";

    public override IReadOnlyList<NodeKind> NodeKinds => Kinds;

    public override void Check(Node node, FileContext context)
    {
        if (context.Settings.Option("assert_used", "skips") is { } skips
            && skips.Any(glob => System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(glob, context.Path, ignoreCase: false)
                || System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(glob, "./" + context.Path, ignoreCase: false)))
        {
            return;
        }

        var test = ((Assert)node).Test;
        if (!context.BanditCompatible && (IsNarrowing(test) || !SecurityWords.MentionsGuard(test)))
        {
            // Type narrowing and internal invariants (`assert isinstance(x, str)`, `assert self._pos <= n`) guard
            // nothing an attacker wants; a check of who may do what (`assert user.is_admin`) does.
            return;
        }

        context.Report(this, node, $"the check 'assert {MessageText.Excerpt(context, test)}' is removed under python -O and does not run in optimised deployments");
    }

    /// <summary>An assert that tells a type checker what it cannot prove: <c>x is not None</c>, <c>isinstance(x, T)</c>, and conjunctions or alternatives of them.</summary>
    private static bool IsNarrowing(ExprNode test) => test switch
    {
        Compare { Ops: [CmpOperator.Is or CmpOperator.IsNot], Comparators: [Constant { Value.Kind: ConstantKind.None }] } => true,
        Call { Func: Name { Id: "isinstance" or "issubclass" or "callable" or "hasattr" } } => true,
        // `x is None or isinstance(x, str)` narrows an Optional: every alternative is narrowing, so the whole is.
        BoolOp both => both.Values.All(IsNarrowing),
        UnaryOp { Op: UnaryOperator.Not, Operand: var operand } => IsNarrowing(operand),
        _ => false,
    };
}
