namespace Kingsnake.Python.Ast;

/// <summary>
/// One walk of a tree serving many hooks: each hook registers for the node kinds it cares about, and the walk calls
/// them in pre-order (parents before children, fields in CPython order). The walk uses an explicit stack, so a deep
/// tree cannot overflow the call stack.
/// </summary>
public sealed class AstWalker
{
    private readonly List<Action<Node>>?[] _hooks = new List<Action<Node>>?[Enum.GetValues<NodeKind>().Length];

    /// <summary>Calls <paramref name="hook"/> for every node of <paramref name="kind"/>.</summary>
    public AstWalker On(NodeKind kind, Action<Node> hook)
    {
        (_hooks[(int)kind] ??= []).Add(hook);
        return this;
    }

    /// <summary>Calls <paramref name="hook"/> for every node of type <typeparamref name="T"/> among <paramref name="kinds"/>.</summary>
    public AstWalker On<T>(NodeKind kind, Action<T> hook)
        where T : Node => On(kind, node => hook((T)node));

    public void Walk(Node root)
    {
        var pending = new Stack<Node>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (_hooks[(int)node.NodeKind] is { } hooks)
            {
                foreach (var hook in hooks)
                {
                    hook(node);
                }
            }

            node.PushChildren(pending);
        }
    }

    /// <summary>Every node under <paramref name="root"/> (itself included), pre-order.</summary>
    public static IEnumerable<Node> Descendants(Node root)
    {
        var pending = new Stack<Node>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            yield return node;
            node.PushChildren(pending);
        }
    }
}
