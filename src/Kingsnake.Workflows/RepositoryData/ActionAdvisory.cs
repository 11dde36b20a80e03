using Kingsnake.Core.Findings;

namespace Kingsnake.Workflows.RepositoryData;

/// <summary>
/// A GitHub security advisory (ecosystem <c>actions</c>) for one action: which versions are vulnerable and the first
/// fixed one. <see cref="Package"/> is <c>owner/repo</c> (every action in it) or <c>owner/repo/path</c> (one action).
/// </summary>
public sealed record ActionAdvisory(
    string Id,
    string Package,
    Severity Severity,
    string Summary,
    ActionVersionRange Vulnerable,
    string? FirstPatched,
    IReadOnlyList<string> Aliases)
{
    /// <summary>True when this advisory is about the action <paramref name="actionName"/> (<c>owner/repo[/path]</c>, lower-case).</summary>
    public bool Covers(string actionName) =>
        actionName.Equals(Package, StringComparison.OrdinalIgnoreCase)
        || (actionName.StartsWith(Package, StringComparison.OrdinalIgnoreCase) && actionName.Length > Package.Length && actionName[Package.Length] == '/'
            && Package.Count(c => c == '/') == 1);
}
