namespace Kingsnake.Core.Yaml;

/// <summary>
/// Bounds on what one YAML file may cost, shared by every YAML reader (workflows, actions, Dependabot, pre-commit,
/// Bandit configuration, OSV advisories). Real files are a few kilobytes with nesting under 15; the defaults leave
/// room for generated monsters while stopping hostile input before it costs memory or stack.
/// </summary>
public sealed record YamlLimits
{
    public static YamlLimits Default { get; } = new();

    /// <summary>Largest file accepted, in characters.</summary>
    public int MaxCharacters { get; init; } = 4 * 1024 * 1024;

    /// <summary>Deepest nesting of mappings and sequences (the reader recurses once per level).</summary>
    public int MaxDepth { get; init; } = 128;

    /// <summary>
    /// Most nodes a full walk of the document may visit with every alias expanded (the "billion laughs" guard:
    /// aliases are shared, not copied, but every audit walks them). Nodes are also counted as they are read, so a
    /// flat document of millions of scalars is refused before it is built.
    /// </summary>
    public long MaxExpandedNodes { get; init; } = 1_000_000;
}
