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

        **Differs from Bandit:** Kingsnake does not report asserts in test code (files named `test_*.py`,
        `*_test.py` or `conftest.py`, and files under `test`/`tests`/`testing` directories), where asserts are how
        tests are written. Bandit's `assert_used.skips` globs are honoured in both modes.
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

        if (!context.BanditCompatible && IsTestCode(context.Path))
        {
            return;
        }

        var test = ((Assert)node).Test;
        context.Report(this, node, $"the check 'assert {MessageText.Excerpt(context, test)}' is removed under python -O and does not run in optimised deployments");
    }

    internal static bool IsTestCode(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        if (name.StartsWith("test_", StringComparison.Ordinal) || name.EndsWith("_test.py", StringComparison.Ordinal) || name is "conftest.py" or "tests.py")
        {
            return true;
        }

        foreach (var part in path.Split('/')[..^1])
        {
            if (part is "test" or "tests" or "testing")
            {
                return true;
            }
        }

        return false;
    }
}
