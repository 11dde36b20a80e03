using Kingsnake.Project.Git;

namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>How a changeset was told apart in the history, which decides what can be said of its review.</summary>
public enum ChangesetKind
{
    /// <summary>A merge commit of a GitHub pull request (<c>Merge pull request #N from …</c>) or GitLab merge request (<c>See merge request …!N</c>).</summary>
    MergedRequest,

    /// <summary>A pull request squash-merged by GitHub (<c>Title (#N)</c>, committed by <c>noreply@github.com</c>).</summary>
    SquashedRequest,

    /// <summary>A Gerrit change: <c>Reviewed-on:</c> and <c>Reviewed-by:</c> trailers.</summary>
    Gerrit,

    /// <summary>A Phabricator revision: <c>Differential Revision: … D&lt;n&gt;</c>.</summary>
    Phabricator,

    /// <summary>A change imported from Google's Piper: <c>PiperOrigin-RevId:</c>.</summary>
    Piper,

    /// <summary>A commit with no sign of a review system: its own changeset.</summary>
    Commit,
}

/// <summary>
/// One changeset of Code-Review: the commit that names it (the merge, or the commit itself), the commits of the window
/// it covers, whether it counts as reviewed and why, and whether it is a bot's (skipped).
/// </summary>
public sealed record Changeset(ChangesetKind Kind, GitCommit Head, IReadOnlyList<GitCommit> Commits, bool Reviewed, bool Bot, string Why);
