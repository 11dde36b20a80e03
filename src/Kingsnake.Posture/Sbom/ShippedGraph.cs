using System.Text.Json;
using Kingsnake.Reporting.Sbom;

namespace Kingsnake.Posture.Sbom;

/// <summary>What a format reader found in a shipped SBOM, before the file's reference is added.</summary>
internal sealed record ShippedContent(BomComponent? Primary, IReadOnlyList<BomComponent> Components, IReadOnlyList<BomDependency> Dependencies, IReadOnlyList<string> Warnings);

/// <summary>
/// The refs and edges of one shipped SBOM while it is read: each original ref gets the per-file prefix (the primary's
/// becomes the wheel's ref), duplicates are made unique, and edges keep only refs the document defines.
/// </summary>
internal sealed class ShippedGraph(string prefix, string wheelRef)
{
    private readonly Dictionary<string, string> _refs = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly Dictionary<string, List<string>> _edges = new(StringComparer.Ordinal);
    private int _unnamed;

    public List<string> Warnings { get; } = [];

    public string WheelRef => wheelRef;

    /// <summary>Registers a component's original ref (or makes one when it has none) and returns its prefixed ref.</summary>
    public string Add(string? original)
    {
        original ??= $"component-{++_unnamed}";
        var prefixed = prefix + original;
        if (_refs.ContainsKey(original))
        {
            Warnings.Add($"ref '{original}' is defined twice; the second is renamed");
            var n = 2;
            while (_refs.ContainsKey($"{original}~{n}"))
            {
                n++;
            }

            original = $"{original}~{n}";
            prefixed = prefix + original;
        }

        _refs[original] = prefixed;
        _order.Add(prefixed);
        return prefixed;
    }

    private string? _primary;

    /// <summary>Registers the primary component's original ref as the wheel's.</summary>
    public void AddPrimary(string? original)
    {
        if (original is not null)
        {
            _refs[original] = wheelRef;
            _primary = original;
        }
    }

    /// <summary>True when <paramref name="original"/> is the primary's ref (some tools list the primary among the components too).</summary>
    public bool IsPrimary(string? original) => original is not null && original == _primary;

    /// <summary>Records that <paramref name="from"/> depends on <paramref name="to"/> (original refs); unknown refs are dropped with a warning.</summary>
    public void Edge(string from, string to)
    {
        if (!_refs.TryGetValue(from, out var source) || !_refs.TryGetValue(to, out var target))
        {
            Warnings.Add($"edge {from} -> {to} names a ref the document does not define; dropped");
            return;
        }

        if (source == target)
        {
            return;
        }

        if (!_edges.TryGetValue(source, out var list))
        {
            _edges[source] = list = [];
        }

        if (!list.Contains(target, StringComparer.Ordinal))
        {
            list.Add(target);
        }
    }

    /// <summary>The wheel's entry when it has edges, then one entry per component in the order read.</summary>
    public List<BomDependency> Dependencies()
    {
        var result = new List<BomDependency>();
        if (_edges.TryGetValue(wheelRef, out var fromWheel))
        {
            result.Add(new BomDependency(wheelRef, fromWheel));
        }

        foreach (var component in _order)
        {
            result.Add(new BomDependency(component, _edges.TryGetValue(component, out var list) ? list : []));
        }

        return result;
    }

    /// <summary>The string value of <paramref name="name"/>, or null when absent or not a string.</summary>
    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The items of the array <paramref name="name"/>, or none when absent or not an array.</summary>
    public static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];

    /// <summary>The object <paramref name="name"/>, or null.</summary>
    public static JsonElement? Object(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;
}
