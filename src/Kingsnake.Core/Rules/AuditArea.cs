namespace Kingsnake.Core.Rules;

/// <summary>
/// One area of the audit as data (a descriptor, apart from the auditor that does the work): the name that
/// <c>--only</c>, rules and reports use, other names <c>--only</c> accepts, the title documentation gives it, and its
/// rules. A new area is one more of these in the list the command line loops over.
/// </summary>
public sealed record AuditArea(string Name, string Title, IReadOnlyList<Rule> Rules)
{
    /// <summary>Other names for <c>--only</c> (<c>dependencies</c> for <c>deps</c>).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>True when <paramref name="name"/> is this area's name or one of its aliases (any case).</summary>
    public bool IsNamedBy(string name) =>
        Name.Equals(name, StringComparison.OrdinalIgnoreCase) || Aliases.Any(a => a.Equals(name, StringComparison.OrdinalIgnoreCase));
}
