using Kingsnake.Reporting.Sbom;

namespace Kingsnake.Posture.Sbom;

/// <summary>
/// Builds the dependency entries of a BOM: one for the root (its direct dependencies) and one for every component
/// (leaves with an empty list), in component order. Edges are given by normalized name; a name maps to every
/// component of that name (a universal lock may hold two versions), an unknown name or a self-edge is dropped, and
/// each target appears once.
/// </summary>
public sealed class BomGraph
{
    private readonly List<(BomComponent Component, string NormalizedName, IReadOnlyList<string> DependsOn)> _nodes = [];

    /// <summary>Adds a component with the normalized names it depends on.</summary>
    public void Add(BomComponent component, string normalizedName, IReadOnlyList<string> dependsOn) =>
        _nodes.Add((component, normalizedName, dependsOn));

    public IReadOnlyList<BomComponent> Components => _nodes.Select(n => n.Component).ToList();

    /// <param name="rootRef">The root's ref.</param>
    /// <param name="direct">The components the root depends on directly.</param>
    public IReadOnlyList<BomDependency> Dependencies(string rootRef, IEnumerable<BomComponent> direct)
    {
        var byName = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (component, name, _) in _nodes)
        {
            if (!byName.TryGetValue(name, out var refs))
            {
                byName[name] = refs = [];
            }

            refs.Add(component.Ref);
        }

        var entries = new List<BomDependency>
        {
            new(rootRef, direct.Select(c => c.Ref).Distinct(StringComparer.Ordinal).ToList()),
        };
        foreach (var (component, _, dependsOn) in _nodes)
        {
            var targets = dependsOn
                .SelectMany(name => byName.TryGetValue(name, out var refs) ? refs : [])
                .Where(r => r != component.Ref)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            entries.Add(new BomDependency(component.Ref, targets));
        }

        return entries;
    }
}
