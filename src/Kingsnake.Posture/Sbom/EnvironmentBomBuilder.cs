using Kingsnake.Core.Findings;
using Kingsnake.Dependencies.Environments;
using Kingsnake.Packaging.Metadata;
using Kingsnake.Project.Files;
using Kingsnake.Reporting.Sbom;

namespace Kingsnake.Posture.Sbom;

/// <summary>
/// The BOM of an installed environment (a site-packages directory, a virtualenv or a Python prefix): every
/// distribution found there is a component (<see cref="DistInfoComponentReader"/> for <c>.dist-info</c>; an
/// <c>.egg-info</c> gets its metadata but no hash), the graph is the inventory's Requires-Dist graph
/// (<see cref="InstalledEnvironmentReader"/>: markers judged for the environment's own Python, extras only when a
/// parent asks), and the root — the environment, named after its directory — depends on what nothing else requires.
/// Lifecycle <c>operations</c>; complete unless a distribution could not be read.
/// </summary>
public static class EnvironmentBomBuilder
{
    public static BomBuildResult Build(string path, BomBuildOptions? options = null)
    {
        options ??= BomBuildOptions.Default;
        var full = Path.GetFullPath(path);
        var inventory = InstalledEnvironmentReader.Read(full);
        var errors = inventory.Errors.ToList();
        var notes = inventory.Notes.ToList();
        var refs = new BomRefAllocator();
        var rootName = Path.GetFileName(full.TrimEnd('/', '\\'));
        var root = new BomComponent
        {
            Ref = refs.Allocate("environment:" + rootName),
            Type = "application",
            Name = rootName,
            Description = "Python environment: the distributions installed in it",
        };

        var graph = new BomGraph();
        var direct = new List<BomComponent>();
        foreach (var item in inventory.Components)
        {
            var metadataPath = Path.Combine(full, item.Location.Path);
            var entry = Path.GetDirectoryName(metadataPath)!;
            var display = item.Location.Path.Contains('/', StringComparison.Ordinal) ? item.Location.Path[..item.Location.Path.LastIndexOf('/')] : item.Location.Path;
            BomComponent? component = entry.EndsWith(".dist-info", StringComparison.Ordinal)
                ? DistInfoComponentReader.Read(entry, display, refs, errors, notes)
                : EggInfo(metadataPath, item.Name, item.Version!, refs);
            if (component is null)
            {
                continue;
            }

            graph.Add(component, item.NormalizedName, item.DependsOn);
            if (item.Direct)
            {
                direct.Add(component);
            }
        }

        var document = new BomDocument
        {
            SerialNumber = options.Serial(),
            Timestamp = options.Time(),
            ToolName = options.ToolName,
            ToolVersion = options.ToolVersion,
            Root = root,
            Lifecycle = BomLifecycle.Operations,
            Components = graph.Components,
            Dependencies = graph.Dependencies(root.Ref, direct),
            Completeness = errors.Count == 0 ? BomCompleteness.Complete : BomCompleteness.Incomplete,
        };
        document = ShippedSbomMerger.Merge(document, file => BoundedFileReader.Read(file, ShippedSbomReader.MaxBytes),
            file => Path.GetRelativePath(full, file).Replace('\\', '/'), notes);
        return new BomBuildResult(document, errors, notes);
    }

    /// <summary>An <c>.egg-info</c> distribution: its PKG-INFO metadata when readable, no hash (eggs keep no RECORD).</summary>
    private static BomComponent EggInfo(string metadataPath, string name, string version, BomRefAllocator refs)
    {
        var purl = PypiPurl.Create(name, version);
        try
        {
            var metadata = CoreMetadata.Parse(BoundedFileReader.Read(metadataPath, 4 * 1024 * 1024));
            return MetadataComponent.Create(metadata, [], refs.Allocate(purl), purl) with { Name = name, Version = version };
        }
        catch (InputFormatException)
        {
            return new BomComponent { Ref = refs.Allocate(purl), Name = name, Version = version, Purl = purl };
        }
    }
}
