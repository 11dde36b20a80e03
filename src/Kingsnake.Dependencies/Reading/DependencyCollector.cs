using System.Diagnostics;
using Kingsnake.Core.Auditing;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Inventory;

namespace Kingsnake.Dependencies.Reading;

/// <summary>
/// Gathers what readers find: components, errors and notes, plus the project root that paths are made relative to.
/// One collector per read; readers append, never remove, so one bad file never loses the others' results.
/// </summary>
public sealed class DependencyCollector
{
    private readonly List<Component> _components = [];
    private readonly List<InputError> _errors = [];
    private readonly List<InputNote> _notes = [];
    private readonly List<FileReadTiming> _timings = [];
    private readonly Dictionary<string, SupportedPython> _declaredPython = new(StringComparer.Ordinal);

    public DependencyCollector(string root, DependencyReadOptions? options = null)
    {
        Root = Path.GetFullPath(root);
        Options = options ?? DependencyReadOptions.Default;
    }

    /// <summary>Absolute project root.</summary>
    public string Root { get; }

    public DependencyReadOptions Options { get; }

    public IReadOnlyList<Component> Components => _components;

    public IReadOnlyList<InputError> Errors => _errors;

    public IReadOnlyList<InputNote> Notes => _notes;

    public IReadOnlyList<FileReadTiming> Timings => _timings;

    /// <summary>The Python range each manifest or script declares for the dependencies it lists, by report path.</summary>
    public IReadOnlyDictionary<string, SupportedPython> DeclaredPython => _declaredPython;

    /// <summary>The path of <paramref name="fullPath"/> relative to the root, with '/' separators.</summary>
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

    /// <summary>Runs one reader on its own (outside a whole-project read): a fresh collector rooted at <paramref name="root"/>.</summary>
    public static DependencyInventory ReadAlone(string root, DependencyReadOptions? options, string path, Action<DependencyCollector, string> read)
    {
        var collector = new DependencyCollector(root, options);
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
