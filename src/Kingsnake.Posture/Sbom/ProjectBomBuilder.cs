using Kingsnake.Core.Findings;
using Kingsnake.Core.Inventory;
using Kingsnake.Dependencies;
using Kingsnake.Project;
using Kingsnake.Reporting.Sbom;

namespace Kingsnake.Posture.Sbom;

/// <summary>
/// The BOM of a project checkout, from the most resolved input it has: its lockfiles (or a discovered environment)
/// when there are any; else its requirements files (pinned entries with their version, others unresolved); else what
/// its pyproject.toml or scripts declare, all unresolved. Unresolved entries carry their specifier and no version.
/// The root is the project (name and version from pyproject.toml, else the directory name) and depends on the direct
/// dependencies; groups map to scopes (<see cref="ComponentScopes"/>). Complete only for a fully resolved lock or
/// environment read without error; lifecycle <c>pre-build</c> for locks and requirements, <c>design</c> for
/// declarations alone.
/// </summary>
public static class ProjectBomBuilder
{
    public static BomBuildResult Build(string root, BomBuildOptions? options = null) => Build(ProjectTree.Open(root), options);

    public static BomBuildResult Build(ProjectTree project, BomBuildOptions? options = null)
    {
        options ??= BomBuildOptions.Default;
        var inventory = DependencyReader.Read(DependencyInputs.ForProject(project));
        var errors = project.Errors.Concat(inventory.Errors).ToList();
        var notes = inventory.Notes.ToList();
        var description = ProjectDescription.Read(project, errors);

        var (chosen, lifecycle, resolvedKind) = Choose(inventory.Components);
        var refs = new BomRefAllocator();
        var rootName = description.Name ?? Path.GetFileName(project.RootPath.TrimEnd('/', '\\'));
        var rootPurl = description.Name is null ? null : PypiPurl.Create(description.Name, description.Version);
        var rootComponent = new BomComponent
        {
            Ref = refs.Allocate(rootPurl ?? "project:" + rootName),
            Type = "application",
            Name = rootName,
            Version = description.Version,
            Purl = rootPurl,
        };

        var graph = new BomGraph();
        var direct = new List<BomComponent>();
        var seen = new Dictionary<(string, string?, string), (BomComponent Component, List<string> DependsOn)>();
        foreach (var item in chosen)
        {
            var key = (item.NormalizedName, item.Version, item.Version is null ? item.Specifier : "");
            if (seen.TryGetValue(key, out var first))
            {
                // the same package again: from a second lock or requirements file, or pdm's entry for it with extras
                first.DependsOn.AddRange(item.DependsOn.Where(d => !first.DependsOn.Contains(d)));
                if (item.Direct && !direct.Contains(first.Component))
                {
                    direct.Add(first.Component);
                }

                continue;
            }

            var component = InventoryComponentMapper.Map(item, ComponentScopes.Of(item.Group, description.Extras), refs);
            var dependsOn = item.DependsOn.ToList();
            seen[key] = (component, dependsOn);
            graph.Add(component, item.NormalizedName, dependsOn);
            if (item.Direct)
            {
                direct.Add(component);
            }
        }

        var complete = resolvedKind && errors.Count == 0 && chosen.All(c => c.Version is not null);
        var document = new BomDocument
        {
            SerialNumber = options.Serial(),
            Timestamp = options.Time(),
            ToolName = options.ToolName,
            ToolVersion = options.ToolVersion,
            Root = rootComponent,
            Lifecycle = lifecycle,
            Components = graph.Components,
            Dependencies = graph.Dependencies(rootComponent.Ref, direct),
            Completeness = complete ? BomCompleteness.Complete : BomCompleteness.Incomplete,
        };
        return new BomBuildResult(document, errors, notes);
    }

    /// <summary>The components of the most resolved kind of input present, with the lifecycle it implies.</summary>
    private static (List<Component> Chosen, BomLifecycle Lifecycle, bool Resolved) Choose(IReadOnlyList<Component> components)
    {
        var locked = components.Where(c => c.Source is ComponentSource.Lockfile or ComponentSource.Environment).ToList();
        if (locked.Count > 0)
        {
            return (locked, BomLifecycle.PreBuild, true);
        }

        var requirements = components.Where(c => c.Source == ComponentSource.Requirements).ToList();
        if (requirements.Count > 0)
        {
            return (requirements, BomLifecycle.PreBuild, false);
        }

        return (components.Where(c => c.Source is ComponentSource.PyProject or ComponentSource.Script).ToList(), BomLifecycle.Design, false);
    }
}
