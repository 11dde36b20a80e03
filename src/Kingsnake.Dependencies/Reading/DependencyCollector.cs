using System.Diagnostics;
using Kingsnake.Core.Auditing;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Inventory;
using Kingsnake.Core.Toml;
using Kingsnake.Project;

namespace Kingsnake.Dependencies.Reading;

/// <summary>
/// Gathers what readers find: components, errors and notes, plus the project that files are read through and paths
/// are made relative to. One collector per read; readers append, never remove, so one bad file never loses the
/// others' results. Readers never open a project file themselves: <see cref="Read"/> and <see cref="Toml"/> go
/// through the <see cref="ProjectTree"/> (read once per run, bounded, confined).
/// </summary>
public sealed class DependencyCollector
{
    private readonly List<Component> _components = [];
    private readonly List<InputError> _errors = [];
    private readonly List<InputNote> _notes = [];
    private readonly List<FileReadTiming> _timings = [];
    private readonly Dictionary<string, SupportedPython> _declaredPython = new(StringComparer.Ordinal);

    public DependencyCollector(ProjectTree project, DependencyReadOptions? options = null)
    {
        Project = project;
        Root = project.RootPath;
        Options = options ?? DependencyReadOptions.Default;
    }

    /// <summary>A collector over a project that is not walked (only the files readers name are read).</summary>
    public DependencyCollector(string root, DependencyReadOptions? options = null)
        : this(ProjectTree.Unwalked(root), options)
    {
    }

    /// <summary>The project every file is read through.</summary>
    public ProjectTree Project { get; }

    /// <summary>Absolute project root.</summary>
    public string Root { get; }

    public DependencyReadOptions Options { get; }

    public IReadOnlyList<Component> Components => _components;

    public IReadOnlyList<InputError> Errors => _errors;

    public IReadOnlyList<InputNote> Notes => _notes;

    public IReadOnlyList<FileReadTiming> Timings => _timings;

    /// <summary>The Python range each manifest or script declares for the dependencies it lists, by report path.</summary>
    public IReadOnlyDictionary<string, SupportedPython> DeclaredPython => _declaredPython;

    /// <summary>
    /// The path as reports show it: relative to the project root, or absolute for a file outside the project
    /// (an installed environment elsewhere on the machine), where a chain of "../" would only obscure it.
    /// </summary>
    public string Relative(string fullPath)
    {
        var full = Path.GetFullPath(fullPath);
        var relative = Path.GetRelativePath(Root, full);
        if (relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || relative.StartsWith("..\\", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            relative = full;
        }

        return Path.DirectorySeparatorChar == '/' ? relative : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <summary>
    /// The frame every reader shares for one file: its report path, a malformed file turned into an error for that
    /// file (the other inputs go on), and the time it took.
    /// </summary>
    public void ReadFile(string path, DependencyFileKind kind, Action<string, string> read)
    {
        var fullPath = Path.GetFullPath(path);
        var relative = Relative(fullPath);
        var started = Stopwatch.GetTimestamp();
        var before = Components.Count;
        try
        {
            read(fullPath, relative);
        }
        catch (InputFormatException ex)
        {
            Error(ex.ToError(relative).Location, ex.Message);
        }

        Timing(new FileReadTiming(relative, kind, Stopwatch.GetElapsedTime(started), Components.Count - before));
    }

    /// <summary>
    /// The content of a file of the project (or of one the user named), read once for the whole run. Throws
    /// <see cref="InputFormatException"/>, with nothing of the file's contents, when it cannot be read.
    /// </summary>
    public FileContent Read(string fullPath) => Project.Read(fullPath);

    /// <summary>The strict UTF-8 text of <paramref name="fullPath"/> (see <see cref="Read"/>); invalid bytes are an error naming the line.</summary>
    public string ReadText(string fullPath) => Project.Read(fullPath).Text;

    /// <summary>The TOML document at <paramref name="fullPath"/>, parsed once per project however many readers consult it.</summary>
    public TomlNode Toml(string fullPath) => ProjectDocuments.Toml(Project, fullPath);

    /// <summary>
    /// Runs one reader on its own (outside a whole-project read): a fresh collector over an unwalked project rooted at
    /// <paramref name="root"/>, in which <paramref name="path"/> counts as named by the user and files are bounded by
    /// <see cref="DependencyReadOptions.MaxFileBytes"/>.
    /// </summary>
    public static DependencyInventory ReadAlone(string root, DependencyReadOptions? options, string path, Action<DependencyCollector, string> read)
    {
        options ??= DependencyReadOptions.Default;
        var project = ProjectTree.Unwalked(root, new ProjectOptions { UserNamedPaths = [Path.GetFullPath(path)], MaxFileBytes = options.MaxFileBytes });
        var collector = new DependencyCollector(project, options);
        read(collector, path);
        return collector.ToInventory();
    }

    public void Add(Component component) => _components.Add(component);

    public void AddRange(IEnumerable<Component> components) => _components.AddRange(components);

    public void Error(SourceSpan location, string message) => _errors.Add(new InputError(location, message));

    public void Error(string relativePath, int line, string message) =>
        _errors.Add(new InputError(line > 0 ? SourceSpan.Line(relativePath, line) : SourceSpan.WholeFile(relativePath), message));

    public void Note(SourceSpan location, string message) => _notes.Add(new InputNote(location, message));

    public void Note(string relativePath, int line, string message) =>
        _notes.Add(new InputNote(line > 0 ? SourceSpan.Line(relativePath, line) : SourceSpan.WholeFile(relativePath), message));

    public void Timing(FileReadTiming timing) => _timings.Add(timing);

    /// <summary>Records what <paramref name="relativePath"/> declares (nothing when it declares nothing readable).</summary>
    public void DeclarePython(string relativePath, SupportedPython python)
    {
        if (python.IsDeclared)
        {
            _declaredPython[relativePath] = python;
        }
    }

    /// <summary>Freezes what was gathered.</summary>
    public DependencyInventory ToInventory() =>
        new(_components.ToArray(), _errors.ToArray(), _notes.ToArray(), _timings.ToArray()) { DeclaredPython = new Dictionary<string, SupportedPython>(_declaredPython, StringComparer.Ordinal) };
}

/// <summary>How long reading one input took, and how many components it gave.</summary>
public sealed record FileReadTiming(string Path, DependencyFileKind Kind, TimeSpan Elapsed, int ComponentCount);
