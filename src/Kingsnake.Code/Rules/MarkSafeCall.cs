using System.Collections.Frozen;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B308: Django mark_safe on a value.</summary>
public sealed class MarkSafeCall : BlacklistedCallRule
{
    private static readonly FrozenSet<string> Names = Set("django.utils.safestring.mark_safe");

    public override Rule Descriptor { get; } = Describe(
        "PY308", "mark-safe", "Django mark_safe on a value", Severity.Medium, Confidence.High, 79, "B308", "S308", """
        `mark_safe` turns Django's HTML escaping off for the value; if any part of it comes from a user, it is a
        cross-site scripting hole.

        **Fix:** build HTML with `django.utils.html.format_html` (which escapes its arguments) or escape the parts
        with `escape` before joining them.

        **Differs from Bandit:** in Kingsnake mode a string literal argument is not reported (it cannot carry user
        input), as ruff does.
        """);

    public override string BanditId => "B308";

    public override string BanditName => "mark_safe";

    protected override FrozenSet<string> Functions => Names;

    protected override string Message(string name, Call call, FileContext context) =>
        $"{name}{FirstArgument(call)} disables HTML escaping; user text in it becomes cross-site scripting";

    protected override bool IsHarmless(string name, Call call, FileContext context) =>
        call.Args.Count == 1 && Literals.IsStr(call.Args[0]);
}
