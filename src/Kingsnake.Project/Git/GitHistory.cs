namespace Kingsnake.Project.Git;

/// <summary>
/// Walks commits the way <c>git rev-list</c> / <c>git log</c> do by default: a queue ordered by committer time, newest
/// first, where commits with the same time leave in the order they were queued (a commit's parents in their listed
/// order) — git's own tie rule, so the sequence matches git's exactly, not just as a set. Each commit is visited once
/// however many merges reach it.
/// <para>
/// The walk stops at <c>maxCount</c> commits, and with <c>since</c> at the first commit committed before it (all that
/// is left in the queue is older; a commit dated before its own child by a skewed clock ends the walk too, where git's
/// <c>--since</c> would look a few commits further). A parent the store does not hold (a shallow clone's cut, a
/// missing object) ends that line of history without error, and so does a commit the <c>shallow</c> file names.
/// </para>
/// <para>
/// The history is the objects' own: <c>refs/replace/</c> and <c>info/grafts</c>, which let a repository show another
/// history than its commits record, are not applied (compare with <c>git --no-replace-objects</c>).
/// </para>
/// </summary>
public static class GitHistory
{
    /// <summary>
    /// The commits reachable from <paramref name="fromId"/> (a commit, or an annotated tag naming one), newest first,
    /// at most <paramref name="maxCount"/>. Empty when the store does not hold it. A damaged commit on the way is an
    /// <see cref="Kingsnake.Core.Findings.InputFormatException"/>.
    /// </summary>
    public static IReadOnlyList<GitCommit> Walk(GitObjectStore store, string fromId, int maxCount, DateTimeOffset? since = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        var commits = new List<GitCommit>();
        if (maxCount == 0 || store.PeelToCommit(fromId) is not { } startId || store.ReadCommit(startId) is not { } start)
        {
            return commits;
        }

        var sinceSeconds = since?.ToUnixTimeSeconds();
        var queue = new PriorityQueue<GitCommit, (long Seconds, long Sequence)>(NewestFirst.Instance);
        var seen = new HashSet<string>(StringComparer.Ordinal) { start.Id };
        long sequence = 0;
        queue.Enqueue(start, (start.Committer.UnixSeconds, sequence++));
        while (commits.Count < maxCount && queue.TryDequeue(out var commit, out _))
        {
            if (commit.Committer.UnixSeconds < sinceSeconds)
            {
                break;
            }

            commits.Add(commit);
            if (store.IsShallowBoundary(commit.Id) || commits.Count == maxCount)
            {
                continue;
            }

            foreach (var parentId in commit.ParentIds)
            {
                if (seen.Add(parentId) && store.ReadCommit(parentId) is { } parent)
                {
                    queue.Enqueue(parent, (parent.Committer.UnixSeconds, sequence++));
                }
            }
        }

        return commits;
    }

    private sealed class NewestFirst : IComparer<(long Seconds, long Sequence)>
    {
        public static readonly NewestFirst Instance = new();

        public int Compare((long Seconds, long Sequence) x, (long Seconds, long Sequence) y) =>
            x.Seconds != y.Seconds ? y.Seconds.CompareTo(x.Seconds) : x.Sequence.CompareTo(y.Sequence);
    }
}
