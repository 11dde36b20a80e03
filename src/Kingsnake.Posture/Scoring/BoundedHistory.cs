using Kingsnake.Project.Git;

namespace Kingsnake.Posture.Scoring;

/// <summary>
/// The history from HEAD as far as the posture checks read it: at most <see cref="PostureHistory.MaxHistoryCommits"/>
/// commits, newest first, and what stopped the walk.
/// </summary>
/// <param name="Commits">The commits read, newest first (git's <c>log</c> order).</param>
/// <param name="Truncated">True when the walk stopped at the bound with history left unread.</param>
/// <param name="Shallow">True when the repository is a shallow clone: its oldest commits are cut off.</param>
/// <param name="Error">Why the history could not be read (a damaged object, a SHA-256 repository); null when it was.</param>
public sealed record BoundedHistory(IReadOnlyList<GitCommit> Commits, bool Truncated, bool Shallow, string? Error)
{
    /// <summary>The root commits reached (no parents); none when the walk was cut by the bound or a shallow clone.</summary>
    public IEnumerable<GitCommit> Roots => Commits.Where(commit => commit.ParentIds.Count == 0);
}
