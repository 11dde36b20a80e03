using Kingsnake.Core.Findings;
using Kingsnake.Core.Inventory;
using Kingsnake.Dependencies.Graph;
using Kingsnake.Dependencies.Reading;
using Kingsnake.Packaging.Names;

namespace Kingsnake.Dependencies.Lockfiles;

/// <summary>One package as a lockfile records it, before direct/transitive marking.</summary>
internal sealed class LockedPackage
{
    public required string Name { get; init; }

    public string NormalizedName => field ??= PackageName.Normalize(Name);

    public string? Version { get; init; }

    public required SourceSpan Location { get; init; }

    public IReadOnlyList<string> Hashes { get; init; } = [];

    public string? Url { get; init; }

    public bool Editable { get; init; }

    public string Group { get; init; } = "";

    public string Marker { get; init; } = "";

    /// <summary>The candidate files (sdist, wheels) with their own hashes, when the lock lists them.</summary>
    public IReadOnlyList<DistributionFile> Files { get; init; } = [];

    /// <summary>Normalized names this package depends on (every edge the lock records, extras included: used for direct/transitive marking).</summary>
    public List<string> DependsOn { get; } = [];

    /// <summary>
    /// The edges the component reports (<see cref="Component.DependsOn"/>) when they differ from <see cref="DependsOn"/>:
    /// a reader that knows which optional dependencies no parent asks for leaves those out here. Null = <see cref="DependsOn"/>.
    /// </summary>
    public List<string>? RuntimeDependsOn { get; set; }

    /// <summary>The project itself or a workspace member: a graph root, not a component.</summary>
    public bool IsProjectRoot { get; init; }
}

/// <summary>A direct dependency: its normalized name and the group (extra, dev group) that asks for it.</summary>
internal readonly record struct DirectDependency(string NormalizedName, string Group);

/// <summary>Turns locked packages into components, marking direct ones and the shortest chain to each transitive one.</summary>
internal static class LockedPackages
{
    /// <summary>
    /// <paramref name="direct"/>: what the project asks for (from the lock's own root entries or the pyproject.toml
    /// beside it), in priority order (main set first). Null when unknown: then the packages nothing depends on are
    /// taken as direct when the lock records dependencies, and every package is taken as direct when it does not.
    /// </summary>
    public static void Emit(
        DependencyCollector collector, string relativePath, IReadOnlyList<LockedPackage> packages, IReadOnlyList<DirectDependency>? direct)
    {
        var graph = new DependencyGraph();
        foreach (var package in packages)
        {
            graph.AddNode(package.NormalizedName);
            foreach (var dependency in package.DependsOn)
            {
                graph.AddEdge(package.NormalizedName, dependency);
            }
        }

        var lockedNames = packages.Where(p => !p.IsProjectRoot).Select(p => p.NormalizedName).ToHashSet(StringComparer.Ordinal);
        Dictionary<string, IntroductionPath>? chains = null;
        Dictionary<string, string>? groupOfRoot = null;
        if (direct is null && graph.EdgeCount > 0)
        {
            var roots = graph.NodesWithoutIncoming().Where(lockedNames.Contains).ToList();
            direct = roots.Select(r => new DirectDependency(r, "")).ToList();
            collector.Note(relativePath, 0, "no pyproject.toml beside the lockfile: packages nothing else depends on are taken as the direct dependencies");
        }

        if (direct is not null)
        {
            groupOfRoot = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var dependency in direct)
            {
                groupOfRoot.TryAdd(dependency.NormalizedName, dependency.Group);
            }

            chains = graph.ShortestChains(direct.Select(d => d.NormalizedName));
        }

        foreach (var package in packages)
        {
            if (package.IsProjectRoot)
            {
                continue;
            }

            var isDirect = groupOfRoot is null || groupOfRoot.ContainsKey(package.NormalizedName);
            var introducedBy = IntroductionPath.Empty;
            var group = package.Group;
            if (!isDirect && chains!.TryGetValue(package.NormalizedName, out var chain))
            {
                introducedBy = chain;
                if (group.Length == 0 && groupOfRoot!.TryGetValue(chain.DirectDependency, out var rootGroup))
                {
                    group = rootGroup;
                }
            }
            else if (isDirect && group.Length == 0 && groupOfRoot is not null)
            {
                group = groupOfRoot[package.NormalizedName];
            }

            collector.Add(new Component
            {
                Name = package.Name,
                NormalizedName = package.NormalizedName,
                Version = package.Version,
                Location = package.Location,
                Source = ComponentSource.Lockfile,
                Direct = isDirect,
                Marker = package.Marker,
                Hashes = package.Hashes,
                Files = package.Files,
                DependsOn = (package.RuntimeDependsOn ?? package.DependsOn)
                    .Where(d => d != package.NormalizedName && lockedNames.Contains(d)).Distinct(StringComparer.Ordinal).ToList(),
                Url = package.Url,
                Editable = package.Editable,
                Group = group,
                IntroducedBy = introducedBy,
            });
        }
    }
}
