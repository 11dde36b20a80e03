using Kingsnake.Core.Findings;
using Kingsnake.Reporting.Sbom;

namespace Kingsnake.Posture.Sbom;

/// <summary>
/// Merges the SBOMs distributions ship under <c>.dist-info/sboms/</c> (PEP 770) into the document: the parts each
/// describes (the native libraries a wheel bundles, with their own purls, <c>pkg:rpm/…</c> or <c>pkg:generic/…</c>
/// as given) become components nested under the distribution's own, their edges join the graph under their prefixed
/// refs, and the shipped document's own primary component is the distribution itself (its edges become the
/// distribution's). A file that cannot be read or is in no known format is a note; the rest of the BOM stands.
/// </summary>
public static class ShippedSbomMerger
{
    /// <param name="document">The BOM whose components list <see cref="BomComponent.ShippedSbomFiles"/>.</param>
    /// <param name="read">The bytes of one entry of <see cref="BomComponent.ShippedSbomFiles"/> (a file path or an archive member); throws <see cref="InputFormatException"/> when it cannot be read.</param>
    /// <param name="display">How an entry is named in notes (relative, never the absolute path of another tree).</param>
    public static BomDocument Merge(BomDocument document, Func<string, byte[]> read, Func<string, string> display, List<InputNote> notes)
    {
        var extraEdges = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var extraEntries = new List<BomDependency>();
        BomComponent MergeOne(BomComponent component)
        {
            if (component.ShippedSbomFiles.Count == 0)
            {
                return component;
            }

            var nested = component.Components.ToList();
            foreach (var file in component.ShippedSbomFiles)
            {
                ShippedSbom shipped;
                try
                {
                    shipped = ShippedSbomReader.Read(read(file), display(file), component.Ref);
                }
                catch (InputFormatException ex)
                {
                    notes.Add(new InputNote(SourceSpan.WholeFile(display(file)), $"shipped SBOM not read: {ex.Message}"));
                    continue;
                }

                if (shipped.Error is { } error)
                {
                    notes.Add(new InputNote(SourceSpan.WholeFile(display(file)), $"shipped SBOM not merged: {error}"));
                    continue;
                }

                nested.AddRange(shipped.Components);
                foreach (var dependency in shipped.Dependencies)
                {
                    if (dependency.Ref == component.Ref)
                    {
                        var edges = extraEdges.TryGetValue(component.Ref, out var list) ? list : extraEdges[component.Ref] = [];
                        edges.AddRange(dependency.DependsOn);
                    }
                    else
                    {
                        extraEntries.Add(dependency);
                    }
                }
            }

            return component with { Components = nested };
        }

        var root = MergeOne(document.Root);
        var components = document.Components.Select(MergeOne).ToList();
        var dependencies = document.Dependencies.Select(d => extraEdges.TryGetValue(d.Ref, out var more)
            ? d with { DependsOn = [.. d.DependsOn.Concat(more).Distinct(StringComparer.Ordinal)] }
            : d).ToList();
        var known = dependencies.Select(d => d.Ref).ToHashSet(StringComparer.Ordinal);
        dependencies.AddRange(extraEntries.Where(d => known.Add(d.Ref)));
        return document with { Root = root, Components = components, Dependencies = dependencies };
    }
}
