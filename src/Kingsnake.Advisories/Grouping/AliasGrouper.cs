using Kingsnake.Advisories.Model;

namespace Kingsnake.Advisories.Grouping;

/// <summary>
/// Merges the records of one package that describe the same flaw. OSV aliases are symmetric and transitive,
/// so records are joined when they share any id (their own id or an alias): PYSEC-x [CVE-1] and GHSA-y [CVE-1]
/// become one group. <c>related</c> ids are not the same flaw and are not followed.
/// </summary>
public static class AliasGrouper
{
    /// <summary>A group: its primary id, every id, and the indexes (into the input list) of its records.</summary>
    public sealed record Group(string PrimaryId, IReadOnlyList<string> Ids, IReadOnlyList<int> Records);

    /// <summary>Ranks an id for primacy: PYSEC first, then GHSA, then anything else.</summary>
    public static int Rank(string id) =>
        id.StartsWith("PYSEC-", StringComparison.Ordinal) ? 0 : id.StartsWith("GHSA-", StringComparison.Ordinal) ? 1 : 2;

    /// <summary>Compares ids by <see cref="Rank"/>, then ordinally: a stable, input-order-free choice.</summary>
    public static int CompareIds(string left, string right)
    {
        var result = Rank(left).CompareTo(Rank(right));
        return result != 0 ? result : string.CompareOrdinal(left, right);
    }

    /// <summary>Groups the records (all for one package), ordered by primary id.</summary>
    public static List<Group> GroupRecords(IReadOnlyList<Advisory> advisories)
    {
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);

        string Find(string id)
        {
            var root = id;
            while (parent[root] is var next && !string.Equals(next, root, StringComparison.Ordinal))
            {
                root = next;
            }

            // Path compression keeps later look-ups short.
            while (!string.Equals(id, root, StringComparison.Ordinal))
            {
                var next = parent[id];
                parent[id] = root;
                id = next;
            }

            return root;
        }

        void Union(string left, string right)
        {
            parent.TryAdd(left, left);
            parent.TryAdd(right, right);
            var leftRoot = Find(left);
            var rightRoot = Find(right);
            if (!string.Equals(leftRoot, rightRoot, StringComparison.Ordinal))
            {
                parent[rightRoot] = leftRoot;
            }
        }

        foreach (var advisory in advisories)
        {
            parent.TryAdd(advisory.Id, advisory.Id);
            foreach (var alias in advisory.Aliases)
            {
                Union(advisory.Id, alias);
            }
        }

        var byRoot = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < advisories.Count; i++)
        {
            var root = Find(advisories[i].Id);
            if (!byRoot.TryGetValue(root, out var members))
            {
                byRoot[root] = members = [];
            }

            members.Add(i);
        }

        var groups = new List<Group>(byRoot.Count);
        foreach (var members in byRoot.Values)
        {
            var recordIds = members.Select(i => advisories[i].Id).Distinct(StringComparer.Ordinal).ToList();
            recordIds.Sort(CompareIds);
            members.Sort((left, right) => CompareIds(advisories[left].Id, advisories[right].Id));
            var aliases = members.SelectMany(i => advisories[i].Aliases)
                .Where(alias => !recordIds.Contains(alias, StringComparer.Ordinal))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            aliases.Sort(CompareIds);
            groups.Add(new Group(recordIds[0], [.. recordIds, .. aliases], members));
        }

        groups.Sort((left, right) => CompareIds(left.PrimaryId, right.PrimaryId));
        return groups;
    }
}
