using Kingsnake.Core.Findings;
using Kingsnake.Dependencies.Reading;
using Kingsnake.Dependencies.Scripts;
using Kingsnake.Project;

namespace Kingsnake.Dependencies.Discovery;

/// <summary>One file or directory to read, and as what.</summary>
public sealed record DependencyInput(DependencyFileKind Kind, string Path);

/// <summary>Which of the project's files count as dependency inputs.</summary>
public sealed record DiscoveryOptions
{
    public static DiscoveryOptions Default { get; } = new();

    /// <summary>Look for PEP 723 blocks in <c>.py</c> files.</summary>
    public bool IncludeScripts { get; init; } = true;

    /// <summary>
    /// Virtual environments (any directory with <c>pyvenv.cfg</c>): null (the default) reads them only when the project
    /// has no manifest or lockfile, since an environment mirrors what those declare and is local state; true always;
    /// false never.
    /// </summary>
    public bool? IncludeEnvironments { get; init; }

    /// <summary>How many bytes at the start of a .py file are searched for a <c># /// script</c> opening line.</summary>
    public int ScriptProbeBytes { get; init; } = 8 * 1024;
}

/// <summary>The inputs found in a project, with what was skipped and why.</summary>
public sealed record DiscoveryResult(IReadOnlyList<DependencyInput> Inputs, IReadOnlyList<InputNote> Notes, IReadOnlyList<InputError> Errors);

/// <summary>
/// Picks the dependency inputs out of the project's one walk (<see cref="ProjectTree.Files"/>, classified once by
/// <see cref="ProjectFileClassifier"/>): requirements files, <c>pyproject.toml</c>, <c>poetry.lock</c>, <c>uv.lock</c>,
/// <c>Pipfile.lock</c>, <c>pdm.lock</c>, <c>pylock*.toml</c>, <c>.py</c> scripts with a PEP 723 block, and virtual
/// environments (see <see cref="DiscoveryOptions.IncludeEnvironments"/>). What the walk skips (version control, tool
/// caches, build output, environments, <c>.gitignore</c>d and excluded paths, links out of the project, special files)
/// is skipped here too; files in default-excluded directories are never dependency inputs.
/// </summary>
public static class DependencyDiscovery
{
    /// <summary>The dependency input a kind of project file is, or null (Python source is a script only when it holds a PEP 723 block).</summary>
    public static DependencyFileKind? KindOf(ProjectFileKind kind) => kind switch
    {
        ProjectFileKind.Requirements => DependencyFileKind.Requirements,
        ProjectFileKind.PyProject => DependencyFileKind.PyProject,
        ProjectFileKind.PoetryLock => DependencyFileKind.PoetryLock,
        ProjectFileKind.UvLock => DependencyFileKind.UvLock,
        ProjectFileKind.PipfileLock => DependencyFileKind.PipfileLock,
        ProjectFileKind.PdmLock => DependencyFileKind.PdmLock,
        ProjectFileKind.PyLock => DependencyFileKind.PyLock,
        _ => null,
    };

    /// <summary>The kind of input a file name denotes, or null. <paramref name="parentDirectoryName"/> lets <c>requirements/*.txt</c> count.</summary>
    public static DependencyFileKind? KindOf(string fileName, string? parentDirectoryName = null) =>
        KindOf(ProjectFileClassifier.Classify(parentDirectoryName is null ? fileName : parentDirectoryName + "/" + fileName));

    /// <summary>
    /// The kind of an input the user named explicitly: a directory is an environment, a known file name its kind,
    /// a <c>.py</c> file a script, and any other file a requirements file (as <c>pip install -r</c> takes any name).
    /// </summary>
    public static DependencyInput ForExplicitPath(string path)
    {
        if (Directory.Exists(path))
        {
            return new DependencyInput(DependencyFileKind.Environment, path);
        }

        var fileName = Path.GetFileName(path);
        var kind = KindOf(fileName)
            ?? (fileName.EndsWith(".py", StringComparison.OrdinalIgnoreCase) ? DependencyFileKind.Script : DependencyFileKind.Requirements);
        return new DependencyInput(kind, path);
    }

    /// <summary>The dependency inputs among the files of <paramref name="project"/>, in path order.</summary>
    public static DiscoveryResult Discover(ProjectTree project, DiscoveryOptions? options = null)
    {
        options ??= DiscoveryOptions.Default;
        var candidates = project.Files.Where(f => !f.InDefaultExcludedDirectory).ToList();

        // Scripts are told by their first bytes, taken from the content the project reads once for every area (the
        // code audit reads the same bytes again without opening the file again); probed in parallel across files.
        var kinds = new DependencyFileKind?[candidates.Count];
        Parallel.For(0, candidates.Count, i =>
        {
            var entry = candidates[i];
            kinds[i] = KindOf(entry.Kind)
                ?? (options.IncludeScripts && entry.Kind == ProjectFileKind.PythonSource && HasScriptBlock(project, entry, options.ScriptProbeBytes)
                    ? DependencyFileKind.Script
                    : null);
        });

        var inputs = new List<DependencyInput>();
        for (var i = 0; i < candidates.Count; i++)
        {
            if (kinds[i] is { } kind)
            {
                inputs.Add(new DependencyInput(kind, FullPath(project, candidates[i].RelativePath)));
            }
        }

        // what the walk left out or could not read, where it is a dependency input by name (a FIFO named
        // requirements-dev.txt, a pyproject.toml that links out of the project)
        var notes = project.Notes.Where(n => IsDependencyFileName(n.Location.Path)).ToList();
        var errors = project.Errors.Where(e => IsDependencyFileName(e.Location.Path)).ToList();

        var hasManifests = inputs.Any(i => i.Kind != DependencyFileKind.Script);
        if (project.Environments.Count > 0)
        {
            if (options.IncludeEnvironments ?? !hasManifests)
            {
                inputs.AddRange(project.Environments.Select(e => new DependencyInput(DependencyFileKind.Environment, FullPath(project, e))));
            }
            else
            {
                notes.AddRange(project.Environments.Select(e => new InputNote(
                    SourceSpan.WholeFile(e),
                    "virtual environment not audited: the project's manifests and lockfiles are (name it explicitly to audit it)")));
            }
        }

        return new DiscoveryResult(inputs, notes, errors);
    }

    private static bool IsDependencyFileName(string relativePath) => KindOf(ProjectFileClassifier.Classify(relativePath)) is not null;

    private static string FullPath(ProjectTree project, string relativePath) =>
        Path.GetFullPath(Path.Combine(project.RootPath, relativePath.Replace('/', Path.DirectorySeparatorChar)));

    private static bool HasScriptBlock(ProjectTree project, ProjectEntry entry, int probeBytes)
    {
        if (!project.TryRead(entry.RelativePath, out var content, out _))
        {
            return false; // the code audit reports a Python file that cannot be read
        }

        var prefix = content.Bytes.AsSpan(0, Math.Min(probeBytes, content.Bytes.Length));
        return InlineScriptReader.MayHaveScriptBlock(System.Text.Encoding.UTF8.GetString(prefix));
    }
}
