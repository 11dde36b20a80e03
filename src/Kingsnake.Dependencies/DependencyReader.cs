using Kingsnake.Core.Findings;
using Kingsnake.Core.Inventory;
using Kingsnake.Dependencies.Discovery;
using Kingsnake.Dependencies.Environments;
using Kingsnake.Dependencies.Lockfiles;
using Kingsnake.Dependencies.PyProject;
using Kingsnake.Dependencies.Reading;
using Kingsnake.Dependencies.Requirements;
using Kingsnake.Dependencies.Scripts;
using Kingsnake.Project;
using Kingsnake.Project.Walking;

namespace Kingsnake.Dependencies;

/// <summary>What to read: the project's dependency files and/or inputs named explicitly.</summary>
public sealed record DependencyInputs
{
    /// <summary>The project every file is read through; every path in the inventory is relative to its root.</summary>
    public required ProjectTree Project { get; init; }

    /// <summary>The project root.</summary>
    public string Root => Project.RootPath;

    /// <summary>Take the inputs from the project's files (see <see cref="DependencyDiscovery"/>).</summary>
    public bool Discover { get; init; } = true;

    public DiscoveryOptions Discovery { get; init; } = DiscoveryOptions.Default;

    /// <summary>
    /// Inputs named by the user (read whatever discovery would say; see <see cref="DependencyDiscovery.ForExplicitPath"/>).
    /// The project must admit them: they are under its root or among its <see cref="ProjectOptions.UserNamedPaths"/>.
    /// </summary>
    public IReadOnlyList<DependencyInput> Explicit { get; init; } = [];

    /// <summary>Read the dependency files of <paramref name="project"/>.</summary>
    public static DependencyInputs ForProject(ProjectTree project, DiscoveryOptions? discovery = null) =>
        new() { Project = project, Discovery = discovery ?? DiscoveryOptions.Default };

    /// <summary>Walk <paramref name="root"/> (default project options) and read the dependency files found.</summary>
    public static DependencyInputs ForProject(string root, DiscoveryOptions? discovery = null) => ForProject(ProjectTree.Open(root), discovery);

    /// <summary>Read only the named paths (requirements files, lockfiles, environment directories…), which the project is told the user named.</summary>
    public static DependencyInputs ForPaths(string root, params IEnumerable<string> paths)
    {
        var full = paths.Select(p => Path.GetFullPath(p, Path.GetFullPath(root))).ToList();
        return new()
        {
            Project = ProjectTree.Unwalked(root, new ProjectOptions { UserNamedPaths = full }),
            Discover = false,
            Explicit = full.Select(DependencyDiscovery.ForExplicitPath).ToList(),
        };
    }
}

/// <summary>Builds one <see cref="DependencyInventory"/> from every input, in parallel across files, in a stable order.</summary>
public static class DependencyReader
{
    public static DependencyInventory Read(DependencyInputs inputs, DependencyReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= DependencyReadOptions.Default;
        var root = inputs.Root;
        var project = inputs.Project;
        var all = new List<DependencyInput>();
        var notes = new List<InputNote>();
        var errors = new List<InputError>();
        if (inputs.Discover)
        {
            var discovered = DependencyDiscovery.Discover(project, inputs.Discovery);
            all.AddRange(discovered.Inputs);
            notes.AddRange(discovered.Notes);
            errors.AddRange(discovered.Errors);
        }

        foreach (var input in inputs.Explicit)
        {
            var full = Path.GetFullPath(Path.Combine(root, input.Path));
            if (input.Kind != DependencyFileKind.Environment && new FileInfo(full).LinkTarget is not null
                && PathConfinement.RealPath(full) is { } target)
            {
                full = target; // a file the user named is read where its link leads (the project still judges whether it may be)
            }

            if (!all.Any(a => a.Kind == input.Kind && Path.GetFullPath(a.Path) == full))
            {
                all.Add(input with { Path = full });
            }
        }

        var results = new DependencyInventory[all.Count];
        Parallel.For(0, all.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var collector = new DependencyCollector(project, options);
            ReadInput(collector, all[i]);
            results[i] = collector.ToInventory();
        });

        // Requirements files read both on their own and through another file's -r give the same entries twice;
        // keep the first of each (same place, same name, same group).
        var components = new List<Component>();
        var seenRequirements = new HashSet<(string, int, string, string)>();
        var seenErrors = new HashSet<InputError>(errors);
        var seenNotes = new HashSet<InputNote>(notes);
        var timings = new List<FileReadTiming>();
        var declaredPython = new Dictionary<string, Kingsnake.Core.Auditing.SupportedPython>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            foreach (var component in result.Components)
            {
                if (component.Source != ComponentSource.Requirements
                    || seenRequirements.Add((component.Location.Path, component.Location.StartLine, component.NormalizedName, component.Group)))
                {
                    components.Add(component);
                }
            }

            errors.AddRange(result.Errors.Where(seenErrors.Add));
            notes.AddRange(result.Notes.Where(seenNotes.Add));
            timings.AddRange(result.Timings);
            foreach (var (path, python) in result.DeclaredPython)
            {
                declaredPython[path] = python;
            }
        }

        return new DependencyInventory(components, errors, notes, timings) { DeclaredPython = declaredPython };
    }

    /// <summary>Reads one input into <paramref name="collector"/> with the reader for its kind.</summary>
    public static void ReadInput(DependencyCollector collector, DependencyInput input)
    {
        try
        {
            switch (input.Kind)
            {
                case DependencyFileKind.Requirements: RequirementsFileReader.Read(collector, input.Path); break;
                case DependencyFileKind.PyProject: PyProjectReader.Read(collector, input.Path); break;
                case DependencyFileKind.PoetryLock: PoetryLockReader.Read(collector, input.Path); break;
                case DependencyFileKind.UvLock: UvLockReader.Read(collector, input.Path); break;
                case DependencyFileKind.PipfileLock: PipfileLockReader.Read(collector, input.Path); break;
                case DependencyFileKind.PdmLock: PdmLockReader.Read(collector, input.Path); break;
                case DependencyFileKind.PyLock: PyLockReader.Read(collector, input.Path); break;
                case DependencyFileKind.Script: InlineScriptReader.Read(collector, input.Path); break;
                case DependencyFileKind.Environment: InstalledEnvironmentReader.Read(collector, input.Path); break;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InputFormatException)
        {
            // Readers turn expected faults into errors themselves; this keeps an unexpected one from losing the others.
            collector.Error(SourceSpan.WholeFile(collector.Relative(input.Path)), ex.Message);
        }
    }
}
