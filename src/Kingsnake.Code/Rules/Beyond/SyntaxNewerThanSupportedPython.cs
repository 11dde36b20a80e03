using Kingsnake.Code.Engine;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules.Beyond;

/// <summary>
/// Package code that uses syntax newer than the oldest Python the project declares it supports
/// (<c>requires-python</c>): <c>except A, B:</c> (3.14) in a project that says <c>&gt;=3.9</c> is a SyntaxError at
/// import on 3.9–3.13, so the package cannot be used at all there. The parser notes the newest construct of each file
/// (the first place it is used); the file is still parsed with the newest grammar, so its other findings stay.
/// Only files of the project's importable packages are judged: tests, scripts and PEP 723 scripts (which declare their
/// own Python) run on the developer's interpreter, not on every supported one.
/// </summary>
public sealed class SyntaxNewerThanSupportedPython : CodeRule
{
    private static readonly NodeKind[] ModuleKind = [NodeKind.Module];

    public override Rule Descriptor { get; } = DescribeOwn(
        "PY810", "syntax-newer-than-supported-python", "Syntax newer than the oldest Python the project supports", Severity.Medium, Confidence.High, 758, null, """
        The file uses a construct that the oldest Python admitted by the project's `requires-python` (or
        `setup.cfg`'s `python_requires`) cannot parse: on those versions importing the module raises SyntaxError, so
        users who install the package there get a package that does not import. Examples: `except A, B:` without
        parentheses and template strings `t"…"` need 3.14; `lazy import` and `[*x for x in xs]` need 3.15; f-strings
        with the enclosing quotes, backslashes or comments inside `{}` need 3.12; `type X = …` and `def f[T]()` need
        3.12; `match` needs 3.10; parenthesised context managers need 3.9.

        Only files inside the project's packages (directories with `__init__.py`, outside tests) are judged; a PEP 723
        script's own `requires-python` is not read here.

        **Fix:** write the construct the older way (`except (A, B):`, `f"{x['k']}"` with the other quotes), or raise
        `requires-python` to the version the code needs.
        """);

    public override IReadOnlyList<NodeKind> NodeKinds => ModuleKind;

    public override void Check(Node node, FileContext context)
    {
        if (context.DeclaredPython is not { } declared || context.Parsed.NewestSyntax is not { } newest || newest.Version <= declared.Lowest)
        {
            return;
        }

        var unsupported = newest.Version.Minor - 1 == declared.LowestMinor ? $"3.{declared.LowestMinor}" : $"3.{declared.LowestMinor}–3.{newest.Version.Minor - 1}";
        context.ReportAt(this, newest.Line, newest.Column, $"{Capitalized(newest.Feature)} only supported in Python {newest.Version} and greater, but requires-python {declared.Specifier} admits {unsupported}, where this module does not import");
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
