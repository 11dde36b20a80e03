using Kingsnake.Project.Git;

namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>
/// The commits a merge brought in: those reachable from its second (and further) parents but not from its first,
/// found as git's merge-base does, by painting both sides in committer-date order until only first-parent history is
/// left to walk. Bounded: at most <see cref="MaxCommitsWalked"/> commits are read per merge, so a merge of an unrelated
/// history gives its newest part, not the whole.
/// </summary>
internal static class MergedBranch
{
    public const int MaxCommitsWalked = 2_000;

    private const byte Mainline = 1;
    private const byte Branch = 2;

    /// <summary>The merged commits of <paramref name="merge"/>, newest first; empty for a commit with one parent.</summary>
    public static IReadOnlyList<GitCommit> Commits(GitObjectStore store, GitCommit merge)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(merge);
        if (merge.ParentIds.Count < 2)
        {
            return [];
        }

        var flags = new Dictionary<string, byte>(StringComparer.Ordinal);
        var walkedWith = new Dictionary<string, byte>(StringComparer.Ordinal);
        var commits = new Dictionary<string, GitCommit?>(StringComparer.Ordinal);
        var queue = new PriorityQueue<string, (long Seconds, long Sequence)>(NewestFirst.Instance);
        long sequence = 0;

        void Paint(string id, byte flag)
        {
            var before = flags.GetValueOrDefault(id);
            var after = (byte)(before | flag);
            if (after == before)
            {
                return;
            }

            flags[id] = after;
            if (!commits.TryGetValue(id, out var commit))
            {
                commit = store.ReadCommit(id);
                commits[id] = commit;
            }

            if (commit is not null)
            {
                queue.Enqueue(id, (commit.Committer.UnixSeconds, sequence++));
            }
        }

        for (var i = 0; i < merge.ParentIds.Count; i++)
        {
            Paint(merge.ParentIds[i], i == 0 ? Mainline : Branch);
        }

        var walked = 0;
        while (walked < MaxCommitsWalked && queue.TryDequeue(out var id, out _))
        {
            var flag = flags[id];
            if (walkedWith.GetValueOrDefault(id) == flag)
            {
                continue; // already walked with these colours
            }

            walkedWith[id] = flag;
            walked++;
            if (!store.IsShallowBoundary(id))
            {
                foreach (var parent in commits[id]!.ParentIds)
                {
                    Paint(parent, flag);
                }
            }

            // only first-parent history left: nothing further can be on the branch alone
            if (queue.UnorderedItems.All(item => flags[item.Element] != Branch))
            {
                break;
            }
        }

        return [.. walkedWith.Keys.Where(key => flags[key] == Branch).Select(key => commits[key]!).OrderByDescending(commit => commit.Committer.UnixSeconds)];
    }

    private sealed class NewestFirst : IComparer<(long Seconds, long Sequence)>
    {
        public static readonly NewestFirst Instance = new();

        public int Compare((long Seconds, long Sequence) x, (long Seconds, long Sequence) y) =>
            x.Seconds != y.Seconds ? y.Seconds.CompareTo(x.Seconds) : x.Sequence.CompareTo(y.Sequence);
    }
}
