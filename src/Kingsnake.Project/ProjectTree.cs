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

    private ProjectTree(ProjectReader reader, ProjectOptions options, List<ProjectEntry> files, List<string> environments, List<InputNote> notes, List<InputError> errors)
    {
        Reader = reader;
        Options = options;
        Files = files;
        Environments = environments;
        Notes = notes;
        Errors = errors;
        _byPath = files.ToDictionary(f => f.RelativePath, StringComparer.Ordinal);
    }

    /// <summary>The project root (a full path, as the user gave it; findings are relative to it).</summary>
    public string RootPath => Reader.RootPath;

    /// <summary>The reader every file of this project goes through.</summary>
    public ProjectReader Reader { get; }

    public ProjectOptions Options { get; }

    /// <summary>Every regular file some area reads, sorted by relative path.</summary>
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

        var (files, environments, notes, errors) = new ProjectWalker(reader.RootPath, options, reader.Confinement).Walk();
        return new ProjectTree(reader, options, files, environments, notes, errors);
    }

    /// <summary>The files of one kind, in path order (files in default-excluded directories left out).</summary>
    public IEnumerable<ProjectEntry> OfKind(ProjectFileKind kind) => Files.Where(f => f.Kind == kind && !f.InDefaultExcludedDirectory);

    /// <summary>The walked file at <paramref name="relativePath"/>, or null.</summary>
    public ProjectEntry? Find(string relativePath) => _byPath.GetValueOrDefault(relativePath.Replace('\\', '/'));

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
