using Kingsnake.Core.Findings;
using Kingsnake.Project.Files;

namespace Kingsnake.Project.Walking;

/// <summary>
/// The one walk of a project tree: one skip list, <c>.gitignore</c> files as git applies them, the configuration's
/// <c>exclude</c>, and every file classified once. Links are never followed as directories; a file link is listed only
/// when its target is a regular file inside the project, otherwise noted by the link's own name. FIFOs, devices and
/// sockets of a kind an area reads are noted and left out.
/// </summary>
internal sealed class ProjectWalker
{
    /// <summary>Never project content: version-control metadata and tool caches.</summary>
    public static readonly IReadOnlySet<string> AlwaysSkipped = new HashSet<string>(StringComparer.Ordinal)
    {
        ".git", ".hg", ".svn", ".bzr", "CVS", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".pytype", ".cache",
    };

    /// <summary>
    /// Other people's code and generated output: environments, installed packages, test-runner trees, builds (a
    /// <c>build</c> directory only when it holds build output, see <see cref="HoldsBuildOutput"/>).
    /// </summary>
    public static readonly IReadOnlySet<string> DefaultExcluded = new HashSet<string>(StringComparer.Ordinal)
    {
        ".tox", ".nox", ".venv", "venv", "node_modules", "site-packages", "dist-packages", "__pypackages__", ".eggs", "build", "dist",
    };

    private readonly string _root;
    private readonly ProjectOptions _options;
    private readonly List<ProjectEntry> _files = [];
    private readonly List<string> _environments = [];
    private readonly List<InputNote> _notes = [];
    private readonly List<InputError> _errors = [];
    private readonly List<GitIgnoreFile> _ignores = [];
    private GitIgnoreFile? _configExclude;
    private readonly PathConfinement _confinement;
    private int _entries;

    public ProjectWalker(string root, ProjectOptions options, PathConfinement confinement)
    {
        _root = root;
        _options = options;
        _confinement = confinement;
    }

    public (List<ProjectEntry> Files, List<string> Environments, List<InputNote> Notes, List<InputError> Errors) Walk()
    {
        BuildConfigExclude();
        Visit(_root, "", 0, inExcluded: false);
        _files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        _environments.Sort(StringComparer.Ordinal);
        return (_files, _environments, _notes, _errors);
    }

    private void BuildConfigExclude()
    {
        if (_configExclude is not null || _options.Exclude.Count == 0)
        {
            return;
        }

        var invalid = new List<(int, string)>();
        _configExclude = new GitIgnoreFile("", _options.Exclude, invalid);
        foreach (var (line, reason) in invalid)
        {
            _errors.Add(new InputError(SourceSpan.WholeFile("configuration"), $"exclude pattern {line} is not a valid glob ({reason}); it is left out"));
        }
    }

    private void Visit(string directory, string relativeDirectory, int depth, bool inExcluded)
    {
        var pushed = _options.UseGitIgnore && LoadGitIgnore(directory, relativeDirectory);
        try
        {
            List<FileSystemInfo> children;
            try
            {
                children = [.. new DirectoryInfo(directory).EnumerateFileSystemInfos()];
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _errors.Add(new InputError(SourceSpan.WholeFile(relativeDirectory.Length == 0 ? "." : relativeDirectory), $"cannot list directory: {ex.Message}"));
                return;
            }

            children.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            foreach (var child in children)
            {
                if (++_entries > _options.MaxEntries)
                {
                    if (_entries == _options.MaxEntries + 1)
                    {
                        _errors.Add(new InputError(SourceSpan.WholeFile("."), $"more than {_options.MaxEntries:N0} entries; the walk stopped there"));
                    }

                    return;
                }

                var relative = relativeDirectory.Length == 0 ? child.Name : relativeDirectory + "/" + child.Name;
                var isLink = child.LinkTarget is not null;
                var isDirectory = child is DirectoryInfo;
                if (IsIgnored(relative, isDirectory && !isLink))
                {
                    continue;
                }

                if (isDirectory)
                {
                    VisitDirectory(child, relative, depth, inExcluded, isLink);
                }
                else
                {
                    AddFile(child, relative, inExcluded, isLink);
                }
            }
        }
        finally
        {
            if (pushed)
            {
                _ignores.RemoveAt(_ignores.Count - 1);
            }
        }
    }

    private void VisitDirectory(FileSystemInfo child, string relative, int depth, bool inExcluded, bool isLink)
    {
        if (isLink)
        {
            if (!_confinement.IsInside(child.FullName))
            {
                _notes.Add(new InputNote(SourceSpan.WholeFile(relative), "a directory link that leads out of the project; not followed"));
            }

            return;
        }

        if (AlwaysSkipped.Contains(child.Name))
        {
            return;
        }

        var excludedHere = (DefaultExcluded.Contains(child.Name) && (child.Name != "build" || HoldsBuildOutput(child.FullName)))
            || child.Name.EndsWith(".egg-info", StringComparison.Ordinal);
        if (NativeFiles.KindOf(Path.Combine(child.FullName, "pyvenv.cfg")) == EntryKind.Regular)
        {
            _environments.Add(relative);
            excludedHere = true;
        }

        if (excludedHere && _options.SkipDefaultExcludedDirectories)
        {
            return;
        }

        if (depth + 1 > _options.MaxDepth)
        {
            _notes.Add(new InputNote(SourceSpan.WholeFile(relative), $"deeper than {_options.MaxDepth} levels; not searched"));
            return;
        }

        Visit(child.FullName, relative, depth + 1, inExcluded || excludedHere);
    }

    /// <summary>
    /// Whether a directory named <c>build</c> holds build output rather than source (<c>pip/_internal/operations/build</c>
    /// is a package; CPython's <c>Tools/build</c> holds scripts): judged from its own entries, one listing, no deeper.
    /// A Python package (<c>__init__.py</c>) is source; otherwise what setuptools (<c>lib</c>, <c>lib.&lt;plat&gt;</c>,
    /// <c>bdist.*</c>, <c>temp.*</c>, <c>scripts-*</c>), scikit-build-core and meson-python (a wheel tag such as
    /// <c>cp312-…</c>), CMake, Ninja, Meson and Sphinx (<c>html</c>, <c>doctrees</c>, <c>latex</c>) leave in their
    /// build directory marks it as output. A directory that cannot be listed counts as output (the old default).
    /// </summary>
    internal static bool HoldsBuildOutput(string directory)
    {
        try
        {
            var output = false;
            foreach (var entry in Directory.EnumerateFileSystemEntries(directory))
            {
                var name = Path.GetFileName(entry.AsSpan());
                if (name.SequenceEqual("__init__.py"))
                {
                    return false;
                }

                output |= IsBuildOutputEntry(name);
            }

            return output;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    private static bool IsBuildOutputEntry(ReadOnlySpan<char> name) =>
        name is "lib" or "html" or "doctrees" or "latex" or "CMakeFiles" or "CMakeCache.txt" or "build.ninja" or "meson-info" or "meson-private" or "meson-logs"
        || name.StartsWith("lib.", StringComparison.Ordinal) || name.StartsWith("bdist.", StringComparison.Ordinal)
        || name.StartsWith("temp.", StringComparison.Ordinal) || name.StartsWith("scripts-", StringComparison.Ordinal)
        || name.StartsWith("__editable__", StringComparison.Ordinal) || IsWheelTag(name);

    /// <summary><c>cp312-cp312-linux_x86_64</c>, <c>cp311</c>, <c>py3-none-any</c>: a build directory per interpreter.</summary>
    private static bool IsWheelTag(ReadOnlySpan<char> name) =>
        (name.StartsWith("cp", StringComparison.Ordinal) || name.StartsWith("pp", StringComparison.Ordinal) || name.StartsWith("py", StringComparison.Ordinal))
        && name.Length > 2 && char.IsAsciiDigit(name[2]) && !name.EndsWith(".py", StringComparison.Ordinal);

    private void AddFile(FileSystemInfo child, string relative, bool inExcluded, bool isLink)
    {
        if (Describe(child.FullName, relative, isLink, _confinement, out var note, _options.ListAllFiles) is { } entry)
        {
            _files.Add(entry with { InDefaultExcludedDirectory = inExcluded });
        }
        else if (note is not null)
        {
            _notes.Add(note);
        }
    }

    /// <summary>
    /// The entry for the file at <paramref name="fullPath"/> when an area reads files of its kind and it can be read:
    /// a regular file, or a link to one inside the project (read through its target). Otherwise null, with a note that
    /// names only the path itself when it is left out for what it is (a FIFO, a link out of the project).
    /// </summary>
    public static ProjectEntry? Describe(string fullPath, string relative, bool isLink, PathConfinement confinement, out InputNote? note, bool listAll = false)
    {
        note = null;
        var kind = ProjectFileClassifier.Classify(relative);
        if (kind == ProjectFileKind.Other && !listAll)
        {
            return null; // never read, so neither its type nor its target matters
        }

        var readPath = fullPath;
        if (isLink)
        {
            var target = PathConfinement.RealPath(fullPath);
            if (target is null || !confinement.IsInside(target))
            {
                note = new InputNote(SourceSpan.WholeFile(relative), "a link that leads out of the project; not read");
                return null;
            }

            readPath = target;
        }

        var entryKind = NativeFiles.KindOf(readPath);
        if (entryKind != EntryKind.Regular)
        {
            note = new InputNote(SourceSpan.WholeFile(relative), $"not read: it is {entryKind.Describe()}, not a regular file");
            return null;
        }

        return new ProjectEntry(relative, readPath, kind);
    }

    /// <summary>
    /// True when the configuration's <c>exclude</c> covers <paramref name="relativeFile"/> or a directory above it
    /// (how a file named on the command line is judged: the walk never reached it to ask).
    /// </summary>
    public bool IsExcludedByConfiguration(string relativeFile)
    {
        BuildConfigExclude();
        if (_configExclude is null)
        {
            return false;
        }

        for (var slash = relativeFile.IndexOf('/'); slash > 0; slash = relativeFile.IndexOf('/', slash + 1))
        {
            if (_configExclude.Decide(relativeFile[..slash], isDirectory: true) == true)
            {
                return true;
            }
        }

        return _configExclude.Decide(relativeFile, isDirectory: false) == true;
    }

    private bool LoadGitIgnore(string directory, string relativeDirectory)
    {
        var path = Path.Combine(directory, ".gitignore");
        var relative = relativeDirectory.Length == 0 ? ".gitignore" : relativeDirectory + "/.gitignore";
        var kind = NativeFiles.KindOf(path);
        if (kind == EntryKind.Missing)
        {
            return false;
        }

        byte[] bytes;
        try
        {
            if (kind != EntryKind.Regular)
            {
                _notes.Add(new InputNote(SourceSpan.WholeFile(relative), $"not read: it is {kind.Describe()}, not a regular file"));
                return false;
            }

            bytes = BoundedFileReader.Read(path, 1024 * 1024);
        }
        catch (InputFormatException ex)
        {
            _errors.Add(ex.ToError(relative));
            return false;
        }

        var invalid = new List<(int, string)>();
        var file = new GitIgnoreFile(relativeDirectory, System.Text.Encoding.UTF8.GetString(bytes).Split('\n'), invalid);
        foreach (var (line, reason) in invalid)
        {
            _notes.Add(new InputNote(SourceSpan.Line(relative, line), $"pattern not understood ({reason}); left out"));
        }

        if (file.Count == 0)
        {
            return false;
        }

        _ignores.Add(file);
        return true;
    }

    private bool IsIgnored(string relative, bool isDirectory)
    {
        if (_configExclude?.Decide(relative, isDirectory) == true)
        {
            return true;
        }

        // the deepest .gitignore with a pattern that speaks of the path decides
        for (var i = _ignores.Count - 1; i >= 0; i--)
        {
            if (_ignores[i].Decide(relative, isDirectory) is { } decision)
            {
                return decision;
            }
        }

        return false;
    }
}
