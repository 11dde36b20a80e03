using Kingsnake.Core.Findings;
using Kingsnake.Project.Files;
using Kingsnake.Project.Walking;

namespace Kingsnake.Project;

/// <summary>
/// The project as every area sees it: the files of one walk, classified once, each read at most once through the one
/// bounded reader and shared (<see cref="ProjectReader"/>); every other path a file names is confined to the project
/// (or to what the user named); <c>kingsnake fix</c> overlays edited text in memory. Areas never open project files themselves.
/// </summary>
public sealed partial class ProjectTree
{
    private readonly Dictionary<string, ProjectEntry> _byPath;
    private readonly bool _walked;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ProjectEntry?> _probed = new(StringComparer.Ordinal);

    private ProjectTree(ProjectReader reader, ProjectOptions options, List<ProjectEntry> files, List<string> environments, List<InputNote> notes, List<InputError> errors, List<ProjectEntry>? walked = null)
    {
        Reader = reader;
        Options = options;
        Files = files;
        Environments = environments;
        Notes = notes;
        Errors = errors;
        _walked = walked is not null || options.Scope is null;
        _byPath = (walked ?? files).ToDictionary(f => f.RelativePath, StringComparer.Ordinal);
    }

    /// <summary>The project root (a full path, as the user gave it; findings are relative to it).</summary>
    public string RootPath => Reader.RootPath;

    /// <summary>The reader every file of this project goes through.</summary>
    public ProjectReader Reader { get; }

    public ProjectOptions Options { get; }

    /// <summary>Every regular file some area reads, sorted by relative path: of the whole project, or of what <see cref="ProjectOptions.Scope"/> names.</summary>
    public IReadOnlyList<ProjectEntry> Files { get; }

    /// <summary>Directories holding a virtual environment (<c>pyvenv.cfg</c>), relative to the root; never walked into for other areas.</summary>
    public IReadOnlyList<string> Environments { get; }

    /// <summary>What the walk left out and why (special files, links out of the project, depth).</summary>
    public IReadOnlyList<InputNote> Notes { get; }

    /// <summary>What the walk could not do (an unreadable directory or <c>.gitignore</c>).</summary>
    public IReadOnlyList<InputError> Errors { get; }

    /// <summary>Walks <paramref name="rootPath"/> once, with a reader of its own.</summary>
    public static ProjectTree Open(string rootPath, ProjectOptions? options = null)
    {
        options ??= ProjectOptions.Default;
        return Open(new ProjectReader(rootPath, options.UserNamedPaths, options.MaxFileBytes), options);
    }

    /// <summary>Walks the reader's root once; files already read through <paramref name="reader"/> (the configuration) are not read again.</summary>
    public static ProjectTree Open(ProjectReader reader, ProjectOptions options)
    {
        if (NativeFiles.KindOf(reader.RootPath) != EntryKind.Directory && !Directory.Exists(reader.RootPath))
        {
            return new ProjectTree(reader, options, [], [], [], [new InputError(SourceSpan.WholeFile("."), "project directory not found")]);
        }

        var walker = new ProjectWalker(reader.RootPath, options, reader.Confinement);
        if (options.Scope is null)
        {
            var (files, environments, notes, errors) = walker.Walk();
            return new ProjectTree(reader, options, files, environments, notes, errors);
        }

        return OpenScope(reader, options, options.Scope, walker);
    }

    /// <summary>
    /// The files <see cref="ProjectOptions.Scope"/> names: named files as they are (unless the configuration excludes
    /// them), and the walked files under named directories. Only named directories need a walk; files alone (what
    /// pre-commit passes on every commit) cost no walk of the tree, and the configuration files are found on demand.
    /// </summary>
    private static ProjectTree OpenScope(ProjectReader reader, ProjectOptions options, IReadOnlyList<string> scope, ProjectWalker walker)
    {
        var directories = new List<string>();
        var named = new List<ProjectEntry>();
        var notes = new List<InputNote>();
        var errors = new List<InputError>();
        foreach (var path in scope.Select(p => Path.GetFullPath(p)).Distinct(StringComparer.Ordinal))
        {
            // a named link is judged as the walk judges links (by its target, below), so only where it sits counts here
            var isDirectory = NativeFiles.KindOf(path) == EntryKind.Directory;
            if (!reader.Confinement.IsInsideRoot(isDirectory ? path : Path.GetDirectoryName(path)!))
            {
                errors.Add(new InputError(SourceSpan.WholeFile(Path.GetFileName(path)), "not inside the project; not audited"));
                continue;
            }

            var relative = reader.Relative(path);
            if (isDirectory)
            {
                directories.Add(relative == "." ? "" : relative);
                continue;
            }

            if (relative.Split('/').Any(ProjectWalker.AlwaysSkipped.Contains) || walker.IsExcludedByConfiguration(relative))
            {
                continue;
            }

            var isLink = NativeFiles.KindOf(path) == EntryKind.SymbolicLink;
            if (ProjectWalker.Describe(path, relative, isLink, reader.Confinement, out var note, options.ListAllFiles) is { } entry)
            {
                named.Add(entry);
            }
            else if (note is not null)
            {
                notes.Add(note);
            }
        }

        List<ProjectEntry>? walked = null;
        var environments = new List<string>();
        if (directories.Count > 0)
        {
            var walk = walker.Walk();
            walked = walk.Files;
            environments = walk.Environments;
            notes.AddRange(walk.Notes.Where(n => directories.Any(d => IsUnder(n.Location.Path, d))));
            errors.AddRange(walk.Errors);
        }

        var files = (walked ?? []).Where(f => directories.Any(d => IsUnder(f.RelativePath, d)))
            .Concat(named)
            .DistinctBy(f => f.RelativePath, StringComparer.Ordinal)
            .OrderBy(f => f.RelativePath, StringComparer.Ordinal)
            .ToList();
        return new ProjectTree(reader, options, files, environments, notes, errors, walked);
    }

    private static bool IsUnder(string relativePath, string relativeDirectory) =>
        relativeDirectory.Length == 0
        || (relativePath.StartsWith(relativeDirectory, StringComparison.Ordinal)
            && (relativePath.Length == relativeDirectory.Length || relativePath[relativeDirectory.Length] == '/'));

    /// <summary>The files of one kind, in path order (files in default-excluded directories left out).</summary>
    public IEnumerable<ProjectEntry> OfKind(ProjectFileKind kind) => Files.Where(f => f.Kind == kind && !f.InDefaultExcludedDirectory);

    /// <summary>
    /// The project's file at <paramref name="relativePath"/> (its configuration files, say), whether or not it is in
    /// <see cref="Files"/>; null when there is none an area could read. When the tree was not walked (only files were
    /// named), the path is looked at on demand, under the same rules as the walk.
    /// </summary>
    public ProjectEntry? Find(string relativePath)
    {
        var relative = relativePath.Replace('\\', '/');
        return _byPath.GetValueOrDefault(relative) ?? (_walked ? null : _probed.GetOrAdd(relative, Probe));
    }

    private ProjectEntry? Probe(string relative)
    {
        var full = Path.GetFullPath(Path.Combine(RootPath, relative));
        if (!Reader.Confinement.IsInsideRoot(Path.GetDirectoryName(full)!) || relative.Split('/').Any(ProjectWalker.AlwaysSkipped.Contains))
        {
            return null;
        }

        var isLink = NativeFiles.KindOf(full) == EntryKind.SymbolicLink;
        return ProjectWalker.Describe(full, relative, isLink, Reader.Confinement, out _, Options.ListAllFiles);
    }

    /// <summary>The relative path findings use for a full path (under the root), '/'-separated.</summary>
    public string Relative(string fullPath) => Reader.Relative(fullPath);

    /// <summary>
    /// The content of a file of the project (walked, or under the root) or of a file the user named, read once for the
    /// whole run. Throws <see cref="InputFormatException"/> without any of the file's contents when it cannot be read.
    /// </summary>
    public FileContent Read(string relativeOrFullPath)
    {
        var rooted = Path.IsPathRooted(relativeOrFullPath);
        var relative = rooted ? Relative(relativeOrFullPath) : relativeOrFullPath.Replace('\\', '/');
        var full = Find(relative)?.FullPath ?? (rooted ? Path.GetFullPath(relativeOrFullPath) : Path.GetFullPath(Path.Combine(RootPath, relative)));
        return Reader.Read(full, relative);
    }

    /// <summary>Like <see cref="Read"/>, with the failure as an input error for the file.</summary>
    public bool TryRead(string relativeOrFullPath, out FileContent content, out InputError? error)
    {
        try
        {
            content = Read(relativeOrFullPath);
            error = null;
            return true;
        }
        catch (InputFormatException ex)
        {
            content = null!;
            error = ex.ToError(Path.IsPathRooted(relativeOrFullPath) ? Relative(relativeOrFullPath) : relativeOrFullPath);
            return false;
        }
    }

    /// <inheritdoc cref="ProjectReader.ResolveReference"/>
    public string? ResolveReference(string referringFile, int line, string namedPath, out InputError? error) =>
        Reader.ResolveReference(referringFile, line, namedPath, out error);

    /// <summary>True when <paramref name="fullPath"/> (links resolved) is inside the project or what the user named.</summary>
    public bool IsConfined(string fullPath) => Reader.Confinement.IsInside(fullPath);

    /// <inheritdoc cref="ProjectReader.Overlay"/>
    public void Overlay(string relativePath, byte[] bytes) => Reader.Overlay(relativePath, bytes);

    /// <inheritdoc cref="ProjectReader.OpenedFiles"/>
    public int OpenedFiles => Reader.OpenedFiles;
}
