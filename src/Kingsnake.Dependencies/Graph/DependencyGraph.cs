using Kingsnake.Core.Inventory;

namespace Kingsnake.Dependencies.Graph;

/// <summary>
/// A directed graph of packages keyed by normalized name, used to tell direct from transitive dependencies and
/// to find, for each package, the shortest chain that brings it in.
/// </summary>
public sealed class DependencyGraph
{
    private readonly Dictionary<string, List<string>> _edges = new(StringComparer.Ordinal);
    private readonly HashSet<string> _hasIncoming = new(StringComparer.Ordinal);
    private readonly HashSet<(string From, string To)> _edgeSet = [];

    public IEnumerable<string> Nodes => _edges.Keys;

    public int EdgeCount { get; private set; }

    public void AddNode(string name) => _edges.TryAdd(name, []);

    public void AddEdge(string from, string to)
    {
        AddNode(from);
        AddNode(to);
        // a set, not a search of the targets: a package may name thousands of dependencies
        if (from != to && _edgeSet.Add((from, to)))
        {
            _edges[from].Add(to);
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
    /// Each chain is its parent's with one link more, so the result is linear in the graph, however deep.
    /// </summary>
    public Dictionary<string, IntroductionPath> ShortestChains(IEnumerable<string> roots)
    {
        var chains = new Dictionary<string, IntroductionPath>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        foreach (var root in roots)
        {
            if (_edges.ContainsKey(root) && chains.TryAdd(root, IntroductionPath.Empty.Append(root)))
            {
                queue.Enqueue(root);
            }
        }

        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            var chain = chains[node];
            foreach (var next in _edges[node])
            {
                if (!chains.ContainsKey(next))
                {
                    chains.Add(next, chain.Append(next));
                    queue.Enqueue(next);
                }
            }
        }

        return chains;
    }

    /// <summary>
    /// Marks in <paramref name="reached"/> every node reachable from <paramref name="root"/> that is not marked yet
    /// (a node already marked is not walked again, so marking from many roots in turn visits each node once).
    /// </summary>
    public void MarkReachable(string root, HashSet<string> reached)
    {
        if (!_edges.ContainsKey(root) || !reached.Add(root))
        {
            return;
        }

        var stack = new Stack<string>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            foreach (var next in _edges[stack.Pop()])
            {
                if (reached.Add(next))
                {
                    stack.Push(next);
                }
            }
        }
    }
}
