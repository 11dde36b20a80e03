using System.Collections.Frozen;
using Kingsnake.Code.Analysis;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B310: URL opened with urllib without a scheme check.</summary>
public sealed class UrlopenCall : BlacklistedCallRule
{
    private static readonly FrozenSet<string> Names = Set("urllib.request.urlopen", "urllib.request.urlretrieve", "urllib.request.URLopener", "urllib.request.FancyURLopener", "six.moves.urllib.request.urlopen", "six.moves.urllib.request.urlretrieve", "six.moves.urllib.request.URLopener", "six.moves.urllib.request.FancyURLopener");

    public override Rule Descriptor { get; } = Describe(
        "PY310", "urlopen-scheme", "URL opened with urllib without a scheme check", Severity.Medium, Confidence.High, 22, "B310", "S310", """
        `urllib.request.urlopen` and its relatives accept `file://` and custom schemes as well as http(s): a
        URL taken from input can read local files.

        **Fix:** check that the URL starts with `http://` or `https://` before opening it (or use `requests`,
        which only speaks http(s)).

        **Differs from Bandit:** in Kingsnake mode a URL whose scheme the source fixes is not reported: a literal
        `http://` or `https://` URL (as ruff does), or one built from such a literal (`f"https://host/{path}"`,
        `"https://…/{}".format(id)`, a name bound only to such values).
        """);

    public override string BanditId => "B310";

    public override string BanditName => "urllib_urlopen";

    protected override FrozenSet<string> Functions => Names;

    protected override string Message(string name, Call call, FileContext context) =>
        $"{name}{FirstArgument(call)} opens any URL scheme, file:// included; check the scheme is http(s) first";

    protected override bool IsHarmless(string name, Call call, FileContext context) =>
        call.Args.Count > 0 && ConstantFolding.LeadingText(call.Args[0], context) is { } url
        && (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
}
