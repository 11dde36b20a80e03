using System.Collections.Concurrent;
using Kingsnake.Core.Findings;
using Kingsnake.Project.Files;
using Kingsnake.Project.Walking;

namespace Kingsnake.Project;

/// <summary>
/// The project as every area sees it: the files of one walk, classified once, each read at most once through the one
/// bounded reader and shared; every other path a file names is confined to the project (or to what the user named);
/// <c>kingsnake fix</c> overlays edited text in memory. Areas never open project files themselves.
/// </summary>
public sealed partial class ProjectTree
{
    private readonly ConcurrentDictionary<string, Lazy<ReadOutcome>> _reads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _overlay = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProjectEntry> _byPath;
    private readonly PathConfinement _confinement;

    private ProjectTree(string rootPath, ProjectOptions options, List<ProjectEntry> files, List<string> environments, List<InputNote> notes, List<InputError> errors, PathConfinement confinement)
    {
        RootPath = rootPath;
        Options = options;
        Files = files;
        Environments = environments;
        Notes = notes;
        Errors = errors;
        _confinement = confinement;
        _byPath = files.ToDictionary(f => f.RelativePath, StringComparer.Ordinal);
    }

    /// <summary>The project root (a full path, as the user gave it; findings are relative to it).</summary>
    public string RootPath { get; }

    public ProjectOptions Options { get; }

    /// <summary>Every regular file some area reads, sorted by relative path.</summary>
    public IReadOnlyList<ProjectEntry> Files { get; }

    /// <summary>Directories holding a virtual environment (<c>pyvenv.cfg</c>), relative to the root; never walked into for other areas.</summary>
    public IReadOnlyList<string> Environments { get; }

    /// <summary>What the walk left out and why (special files, links out of the project, depth).</summary>
    public IReadOnlyList<InputNote> Notes { get; }

    /// <summary>What the walk could not do (an unreadable directory or <c>.gitignore</c>).</summary>
    public IReadOnlyList<InputError> Errors { get; }

    /// <summary>Walks <paramref name="rootPath"/> once.</summary>
    public static ProjectTree Open(string rootPath, ProjectOptions? options = null)
    {
        options ??= ProjectOptions.Default;
        var root = Path.GetFullPath(rootPath);
        var confinement = new PathConfinement(root, options.UserNamedPaths);
        if (NativeFiles.KindOf(root) != EntryKind.Directory && !Directory.Exists(root))
        {
            return new ProjectTree(root, options, [], [], [], [new InputError(SourceSpan.WholeFile("."), "project directory not found")], confinement);
        }

        var (files, environments, notes, errors) = new ProjectWalker(root, options, confinement).Walk();
        return new ProjectTree(root, options, files, environments, notes, errors, confinement);
    }

    /// <summary>The files of one kind, in path order (files in default-excluded directories left out).</summary>
    public IEnumerable<ProjectEntry> OfKind(ProjectFileKind kind) => Files.Where(f => f.Kind == kind && !f.InDefaultExcludedDirectory);

    /// <summary>The walked file at <paramref name="relativePath"/>, or null.</summary>
    public ProjectEntry? Find(string relativePath) => _byPath.GetValueOrDefault(relativePath.Replace('\\', '/'));

    /// <summary>The relative path findings use for a full path (under the root), '/'-separated.</summary>
    public string Relative(string fullPath)
    {
        var relative = Path.GetRelativePath(RootPath, fullPath).Replace('\\', '/');
        return relative == "." ? Path.GetFileName(fullPath) : relative;
    }

    /// <summary>
    /// The content of a file of the project (walked, or under the root) or of a file the user named, read once for the
    /// whole run. Throws <see cref="InputFormatException"/> without any of the file's contents when it cannot be read.
    /// </summary>
    public FileContent Read(string relativeOrFullPath)
    {
        var relative = Path.IsPathRooted(relativeOrFullPath) ? Relative(relativeOrFullPath) : relativeOrFullPath.Replace('\\', '/');
        if (_overlay.TryGetValue(relative, out var edited))
        {
            return new FileContent(relative, edited);
        }

        var full = Find(relative)?.FullPath ?? (Path.IsPathRooted(relativeOrFullPath) ? Path.GetFullPath(relativeOrFullPath) : Path.GetFullPath(Path.Combine(RootPath, relative)));
        var read = _reads.GetOrAdd(full, key => new Lazy<ReadOutcome>(() => ReadOnce(key, relative), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
        // a fresh exception each time: the cached one's stack belongs to the first reader
        return read.Content ?? throw new InputFormatException(read.Error!.Message, read.Error.Line, read.Error.Column);
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

    /// <summary>
    /// Resolves a path that the file <paramref name="referringFile"/> names on line <paramref name="line"/> (an include,
    /// a baseline, an <c>extend</c>): relative to that file's directory, links resolved. Null, with an error naming the
    /// referring file and line — never anything of the target — when it leads outside the project and outside what the
    /// user named.
    /// </summary>
    public string? ResolveReference(string referringFile, int line, string namedPath, out InputError? error)
    {
        var referringFull = Path.IsPathRooted(referringFile) ? referringFile : Path.Combine(RootPath, referringFile);
        var baseDirectory = Path.GetDirectoryName(referringFull) ?? RootPath;
        var candidate = Path.GetFullPath(namedPath, baseDirectory);
        var referringRelative = Path.IsPathRooted(referringFile) ? Relative(referringFile) : referringFile;
        if (!_confinement.IsInside(candidate))
        {
            error = new InputError(line > 0 ? SourceSpan.Line(referringRelative, line) : SourceSpan.WholeFile(referringRelative), $"'{namedPath}' leads outside the project; not read");
            return null;
        }

        error = null;
        return candidate;
    }

    /// <summary>True when <paramref name="fullPath"/> (links resolved) is inside the project or what the user named.</summary>
    public bool IsConfined(string fullPath) => _confinement.IsInside(fullPath);

    /// <summary>Replaces a file's text for the rest of the run (<c>kingsnake fix</c> re-auditing its edits), without writing it.</summary>
    public void Overlay(string relativePath, byte[] bytes) => _overlay[relativePath.Replace('\\', '/')] = bytes;

    /// <summary>How many files were actually opened so far (each at most once).</summary>
    public int OpenedFiles => _reads.Count;

    private ReadOutcome ReadOnce(string fullPath, string relative)
    {
        try
        {
            if (!_confinement.IsInside(fullPath))
            {
                return new ReadOutcome(null, new InputFormatException("the path leads outside the project; not read"));
            }

            return new ReadOutcome(new FileContent(relative, BoundedFileReader.Read(fullPath, Options.MaxFileBytes)), null);
        }
        catch (InputFormatException ex)
        {
            return new ReadOutcome(null, ex);
        }
    }

    private sealed record ReadOutcome(FileContent? Content, InputFormatException? Error);
}
