namespace Kingsnake.Dependencies.Graph;

/// <summary>
/// A directed graph of packages keyed by normalized name, used to tell direct from transitive dependencies and
/// to find, for each package, the shortest chain that brings it in.
/// </summary>
public sealed class DependencyGraph
{
    private readonly Dictionary<string, List<string>> _edges = new(StringComparer.Ordinal);
    private readonly HashSet<string> _hasIncoming = new(StringComparer.Ordinal);

    public IEnumerable<string> Nodes => _edges.Keys;

    public int EdgeCount { get; private set; }

    public void AddNode(string name) => _edges.TryAdd(name, []);

    public void AddEdge(string from, string to)
    {
        AddNode(from);
        AddNode(to);
        var targets = _edges[from];
        if (from != to && !targets.Contains(to, StringComparer.Ordinal))
        {
            targets.Add(to);
            _hasIncoming.Add(to);
            EdgeCount++;
        }
    }

    public IReadOnlyList<string> Successors(string name) => _edges.TryGetValue(name, out var targets) ? targets : [];

    /// <summary>Nodes nothing points to (what the user installed on purpose, when no other record says so).</summary>
    public IEnumerable<string> NodesWithoutIncoming() => _edges.Keys.Where(n => !_hasIncoming.Contains(n));

    /// <summary>
    /// Breadth-first from <paramref name="roots"/> (in order, so earlier roots win ties): for every reachable node,
    /// the chain of names from the root that reaches it first, the node itself included (a root's chain is itself).
    /// </summary>
    public Dictionary<string, string[]> ShortestChains(IEnumerable<string> roots)
    {
        var parent = new Dictionary<string, string?>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        foreach (var root in roots)
        {
            if (_edges.ContainsKey(root) && parent.TryAdd(root, null))
            {
                queue.Enqueue(root);
            }
        }

        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var next in _edges[node])
            {
                if (parent.TryAdd(next, node))
                {
                    queue.Enqueue(next);
                }
            }
        }

        var chains = new Dictionary<string, string[]>(parent.Count, StringComparer.Ordinal);
        foreach (var node in parent.Keys)
        {
            var chain = new List<string>();
            for (string? current = node; current is not null; current = parent[current])
            {
                chain.Add(current);
            }

            chain.Reverse();
            chains[node] = [.. chain];
        }

        return chains;
    }
}
