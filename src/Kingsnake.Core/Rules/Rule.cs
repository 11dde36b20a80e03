using Kingsnake.Core.Findings;

namespace Kingsnake.Core.Rules;

/// <summary>
/// A rule descriptor: what is checked, how bad it is by default, and how to fix it. Kept apart from the
/// code that finds it, so that listings, docs and SARIF metadata come from one place.
/// </summary>
public sealed record Rule
{
    /// <summary>Stable id with an area prefix: DEP, GHA, PY, PKG, POS.</summary>
    public required string Id { get; init; }

    /// <summary>Kebab-case name, usable wherever an id is.</summary>
    public required string Name { get; init; }

    public required string Title { get; init; }

    /// <summary>The area the rule belongs to: deps, workflows, code, packaging, posture.</summary>
    public required string Area { get; init; }

    public required Severity DefaultSeverity { get; init; }

    public required Confidence DefaultConfidence { get; init; }

    /// <summary>Why it matters and what to do, in Markdown.</summary>
    public required string Help { get; init; }

    public IReadOnlyList<int> Cwe { get; init; } = [];

    /// <summary>Ids peers use for the same check (Bandit B602, ruff S602, zizmor template-injection).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>
    /// The fix in one line, for reports that show it beside each finding: the help's <c>**Fix:**</c> paragraph with its
    /// line breaks folded, or null when the help has none (or an empty one).
    /// </summary>
    public string? Remedy => ReadRemedy(Help);

    public string HelpUri => $"https://github.com/kingsnake-security/kingsnake/blob/main/docs/rules.md#{Id.ToLowerInvariant()}";

    /// <summary>True when <paramref name="idOrAlias"/> names this rule (id, name or alias, case-insensitive).</summary>
    public bool IsNamedBy(string idOrAlias) =>
        Id.Equals(idOrAlias, StringComparison.OrdinalIgnoreCase)
        || Name.Equals(idOrAlias, StringComparison.OrdinalIgnoreCase)
        || Aliases.Any(a => a.Equals(idOrAlias, StringComparison.OrdinalIgnoreCase));

    private static string? ReadRemedy(string help)
    {
        const string Marker = "**Fix:**";
        var start = help.IndexOf(Marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += Marker.Length;
        var end = help.IndexOf("\n\n", start, StringComparison.Ordinal);
        var paragraph = help[start..(end < 0 ? help.Length : end)];
        var remedy = string.Join(' ', paragraph.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));

        // An empty paragraph names no fix (the report schema requires a non-empty remedy).
        return remedy.Length > 0 ? remedy : null;
    }

    /// <summary>
    /// True when a <c>select</c>/<c>ignore</c>/<c>per-file-ignores</c> entry covers this rule: it names the rule (id, name or
    /// alias), is a whole prefix of its id (<c>DEP</c>, <c>GHA0</c>, not <c>GH</c>) or names its area.
    /// </summary>
    public bool IsSelectedBy(string selector) =>
        IsNamedBy(selector)
        || (selector.Length > 0 && Id.StartsWith(selector, StringComparison.OrdinalIgnoreCase) && !char.IsLetter(Id[selector.Length..].FirstOrDefault()))
        || selector.Equals(Area, StringComparison.OrdinalIgnoreCase);
}
