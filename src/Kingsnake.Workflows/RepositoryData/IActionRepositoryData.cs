namespace Kingsnake.Workflows.RepositoryData;

/// <summary>
/// What only GitHub knows about the repositories that <c>uses:</c> names: their tags and branches, which commits are
/// reachable from them, and the security advisories filed against them. The audits that need it (impostor-commit,
/// known-vulnerable-actions, ref-confusion, stale-action-refs) run only when a source is configured, and stay silent
/// on any repository the source does not cover: "unknown" is never a finding.
/// </summary>
/// <remarks>
/// <see cref="ActionDataSnapshot"/> answers from a file written beforehand (the offline source). A network source
/// (git ls-remote / the REST API) would implement this same interface; none ships, because an audit fetches nothing
/// unless asked and this build has no network. Implementations must be safe to call from several threads.
/// </remarks>
public interface IActionRepositoryData
{
    /// <summary>Where the facts come from, for messages (e.g. <c>snapshot actions.json</c>).</summary>
    string Source { get; }

    /// <summary>The tags and branches of <paramref name="repository"/> (<c>owner/repo</c>, any case), or null when unknown.</summary>
    ActionRepositoryRefs? Refs(string repository);

    /// <summary>
    /// Whether <paramref name="commit"/> is reachable from a branch or a tag of <paramref name="repository"/>: false means
    /// it exists only outside them (in a fork's network); null when the source cannot tell.
    /// </summary>
    bool? IsReachable(string repository, string commit);

    /// <summary>Whether the repository is archived (read-only, no more fixes); null when unknown.</summary>
    bool? IsArchived(string repository);

    /// <summary>Advisories whose affected package is <paramref name="repository"/> or an action inside it.</summary>
    IReadOnlyList<ActionAdvisory> Advisories(string repository);
}
