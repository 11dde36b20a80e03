using System.Collections.Concurrent;
using Kingsnake.Code.Names;
using Kingsnake.Project;
using Kingsnake.Python.Parsing;

namespace Kingsnake.Code.Engine;

/// <summary>
/// The project's own Python modules for one code scan, so that a name imported from one of them is followed to what
/// that module imports: <c>from .compat import pickle</c> (compat doing <c>import pickle</c>) makes
/// <c>pickle.loads</c> a pickle call, as does <c>from . import compat</c> then <c>compat.pickle.loads</c>, or the
/// absolute <c>from pip._vendor.cachecontrol.compat import pickle</c> when <c>pip</c> is a package of the project.
/// <para>
/// Only import bindings are followed (a name a module defines itself stays the project's own, written as the caller
/// wrote it), across at most <see cref="MaxHops"/> modules, cycles included. Each module is read through the project
/// (bytes shared with the file's own analysis), parsed at most once per run and kept only as its module-level bindings;
/// a module the index parsed before its own analysis came to it is handed to that analysis (within a budget) rather
/// than parsed again. A module that cannot be read or parsed resolves nothing. Safe to share across threads.
/// </para>
/// </summary>
internal sealed class ModuleIndex
{
    /// <summary>Re-export chains longer than this are not followed (real ones are one or two modules long).</summary>
    public const int MaxHops = 8;

    // Parsed trees waiting for their own file's analysis: bounded, so that a file early in the order that reaches
    // into many modules cannot hold the project's trees in memory; past the budget a module is parsed again instead.
    private const int MaxParkedModules = 256;
    private const long MaxParkedBytes = 16 * 1024 * 1024;

    /// <summary>Modules one star-import search visits at most.</summary>
    private const int MaxStarModules = 64;

    /// <summary>Followed names remembered at most (a few megabytes; past it names are followed again).</summary>
    private const int MaxRemembered = 200_000;

    private readonly ConcurrentDictionary<(string Scope, string Name), string> _followed = new();

    private readonly ProjectTree? _project;
    private readonly HashSet<string> _files;
    private readonly string _rootName;
    private readonly long _maxFileBytes;
    private readonly Lazy<Dictionary<string, string?>> _packages;
    private readonly ConcurrentDictionary<string, Lazy<ModuleSlot>> _modules = new(StringComparer.Ordinal);
    private long _parkedBytes;
    private int _parkedCount;

    /// <param name="files">The project's Python files the scan covers (relative, '/'-separated): only these are modules.</param>
    /// <param name="read">Reads a module's bytes (tests without a project tree); by default through <paramref name="project"/>.</param>
    public ModuleIndex(ProjectTree? project, IEnumerable<string> files, long maxFileBytes, string? rootName = null, Func<string, byte[]?>? read = null)
    {
        _project = project;
        _files = new HashSet<string>(files, StringComparer.Ordinal);
        _maxFileBytes = maxFileBytes;
        _rootName = rootName ?? (project is null ? "" : Path.GetFileName(Path.TrimEndingDirectorySeparator(project.RootPath)));
        _read = read;
        _packages = new Lazy<Dictionary<string, string?>>(FindTopPackages, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private readonly Func<string, byte[]?>? _read;

    /// <summary>
    /// The parse of <paramref name="path"/> for its own analysis: the one the index already made (when it kept it), or
    /// a new one that the index keeps as the module's bindings. Null when the file does not parse (the caller parses it
    /// again to report why), so the index never hides a syntax error.
    /// </summary>
    public ParsedModule? Parse(string path, byte[] bytes)
    {
        var slot = _modules.GetOrAdd(path, key => new Lazy<ModuleSlot>(() => Build(key, bytes, forAnalysis: true), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
        var parked = Interlocked.Exchange(ref slot.Parked, null);
        if (parked is null)
        {
            return null;
        }

        if (!slot.ParkedForAnalysis)
        {
            Interlocked.Add(ref _parkedBytes, -slot.ParkedBytes);
            Interlocked.Decrement(ref _parkedCount);
        }

        // the same bytes the analysis holds (the project reads each file once), else this tree is not that file's
        return ReferenceEquals(slot.Bytes, bytes) ? parked : null;
    }

    /// <summary>
    /// <paramref name="name"/> (as resolved in <paramref name="fromFile"/>) followed through the project's modules to
    /// the name they import it from, when the chain ends outside the project; otherwise <paramref name="name"/> itself.
    /// </summary>
    public string Follow(string fromFile, string name)
    {
        if (!MayBeProjectName(name))
        {
            return name;
        }

        // The same names come back call after call (every use of a project helper): the answer depends only on the
        // name and, for a relative one, the file's directory.
        var key = (name[0] == '.' ? Parent(fromFile) : "", name);
        if (_followed.TryGetValue(key, out var known))
        {
            return known;
        }

        var followed = FollowChain(fromFile, name);
        if (_followed.Count < MaxRemembered)
        {
            _followed.TryAdd(key, followed);
        }

        return followed;
    }

    private string FollowChain(string fromFile, string name)
    {
        var current = name;
        var file = fromFile;
        for (var hop = 0; hop < MaxHops; hop++)
        {
            if (Step(file, current) is not { } next)
            {
                return name; // defined in the project, or not found: left as the caller wrote it
            }

            (current, file) = next;
            if (!MayBeProjectName(current))
            {
                return current;
            }
        }

        return name;
    }

    private bool MayBeProjectName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        if (name[0] == '.')
        {
            return true;
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var packages = _packages.Value;
        return packages.Count > 0 && packages.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(dot < 0 ? name : name.AsSpan(0, dot), out var directory) && directory is not null;
    }

    /// <summary>One hop: the module <paramref name="name"/> starts in, and what that module binds the next part to (an import).</summary>
    private (string Name, string File)? Step(string fromFile, string name)
    {
        if (Locate(fromFile, name) is not { } located)
        {
            return null;
        }

        var (module, parts, index) = located;
        if (index >= parts.Length || Lookup(module, parts[index]) is not { } found)
        {
            return null;
        }

        var rest = index + 1 < parts.Length ? "." + string.Join('.', parts, index + 1, parts.Length - index - 1) : "";
        return (found.Target + rest, found.File);
    }

    /// <summary>
    /// The module file a dotted name reaches before its first attribute: packages are descended while a submodule or
    /// subpackage of the next name exists (a package's submodule is preferred over a same-named binding in its
    /// <c>__init__.py</c>, which is nearly always that submodule). Null when the name does not start in the project.
    /// </summary>
    private (string Module, string[] Parts, int Index)? Locate(string fromFile, string name)
    {
        string directory;
        string[] parts;
        if (name[0] == '.')
        {
            var level = 0;
            while (level < name.Length && name[level] == '.')
            {
                level++;
            }

            directory = Parent(fromFile);
            for (var up = 1; up < level; up++)
            {
                if (directory.Length == 0)
                {
                    return null; // above the project root
                }

                directory = Parent(directory);
            }

            if (level == name.Length)
            {
                return null;
            }

            parts = name[level..].Split('.');
        }
        else
        {
            parts = name.Split('.');
            if (_packages.Value.GetValueOrDefault(parts[0]) is not { } top)
            {
                return null;
            }

            directory = top;
            parts = parts[1..];
        }

        var index = 0;
        while (index < parts.Length)
        {
            var sub = Join(directory, parts[index]);
            if (_files.Contains(sub + ".py"))
            {
                return (sub + ".py", parts, index + 1);
            }

            if (!_files.Contains(sub + "/__init__.py"))
            {
                break;
            }

            directory = sub;
            index++;
        }

        var init = Join(directory, "__init__.py");
        return _files.Contains(init) ? (init, parts, index) : null;
    }

    /// <summary>
    /// What <paramref name="module"/> binds <paramref name="member"/> to at module level when it is an import (with the
    /// module whose imports the target is relative to); follows the module's <c>from m import *</c> of project modules,
    /// visiting at most <see cref="MaxStarModules"/> modules (packages such as sympy star-import dozens of modules that
    /// star-import more), each answer remembered per module.
    /// </summary>
    private (string Target, string File)? Lookup(string module, string member)
    {
        var slot = Slot(module);
        if (slot.Bindings is null)
        {
            return null;
        }

        if (slot.Bindings.TryGetValue(member, out var binding))
        {
            return binding.ImportTarget is { } target ? (target, module) : null;
        }

        if (slot.StarImports.Length == 0 || member.StartsWith('_'))
        {
            return null; // a star import exports no private names (without __all__, which is not read)
        }

        if (slot.StarAnswers.TryGetValue(member, out var remembered))
        {
            return remembered;
        }

        var visited = new HashSet<string>(StringComparer.Ordinal) { module };
        var found = LookupStar(slot, module, member, visited);
        slot.StarAnswers.TryAdd(member, found);
        return found;
    }

    private (string Target, string File)? LookupStar(ModuleSlot slot, string module, string member, HashSet<string> visited)
    {
        foreach (var source in slot.StarImports)
        {
            if (visited.Count >= MaxStarModules)
            {
                return null;
            }

            if (!MayBeProjectName(source) || Locate(module, source) is not { } located || located.Index != located.Parts.Length
                || !visited.Add(located.Module))
            {
                continue;
            }

            var inner = Slot(located.Module);
            if (inner.Bindings is null)
            {
                continue;
            }

            if (inner.Bindings.TryGetValue(member, out var binding))
            {
                if (binding.ImportTarget is { } target)
                {
                    return (target, located.Module);
                }

                continue; // defined there: the project's own
            }

            if (LookupStar(inner, located.Module, member, visited) is { } deeper)
            {
                return deeper;
            }
        }

        return null;
    }

    private ModuleSlot Slot(string module) =>
        _modules.GetOrAdd(module, key => new Lazy<ModuleSlot>(() => Build(key, null, forAnalysis: false), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private ModuleSlot Build(string path, byte[]? bytes, bool forAnalysis)
    {
        try
        {
            bytes ??= ReadModule(path);
            if (bytes is null || bytes.Length > _maxFileBytes)
            {
                return ModuleSlot.Empty;
            }

            var parsed = PythonParser.Parse(bytes);
            var scopes = new ModuleScopes(parsed.Module, preferPythonThree: true, moduleOnly: true);
            var slot = new ModuleSlot(scopes.ModuleScope, [.. scopes.ModuleStarImports]) { Bytes = bytes, ParkedForAnalysis = forAnalysis, ParkedBytes = bytes.Length };
            if (forAnalysis || TryReserve(bytes.Length))
            {
                slot.Parked = parsed;
            }

            return slot;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // a syntax error, a too-deep tree, a parser bug: this module resolves nothing, every other file goes on
            return ModuleSlot.Empty;
        }
    }

    private byte[]? ReadModule(string path)
    {
        if (_read is not null)
        {
            return _read(path);
        }

        return _project is not null && _project.TryRead(path, out var content, out _) ? content.Bytes : null;
    }

    private bool TryReserve(long bytes)
    {
        if (Interlocked.Increment(ref _parkedCount) > MaxParkedModules || Interlocked.Add(ref _parkedBytes, bytes) > MaxParkedBytes)
        {
            Interlocked.Decrement(ref _parkedCount);
            Interlocked.Add(ref _parkedBytes, -bytes);
            return false;
        }

        return true;
    }

    /// <summary>
    /// Top-level packages by name, each with its directory: a directory with an <c>__init__.py</c> whose parent has
    /// none (the project root itself when it has one, named after the root). A name found twice is ambiguous (null).
    /// </summary>
    private Dictionary<string, string?> FindTopPackages()
    {
        var packages = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var file in _files)
        {
            if (file != "__init__.py" && !file.EndsWith("/__init__.py", StringComparison.Ordinal))
            {
                continue;
            }

            var directory = Parent(file);
            string name;
            if (directory.Length == 0)
            {
                name = _rootName;
            }
            else if (_files.Contains(Join(Parent(directory), "__init__.py")))
            {
                continue; // a subpackage
            }
            else
            {
                var slash = directory.LastIndexOf('/');
                name = slash < 0 ? directory : directory[(slash + 1)..];
            }

            if (IsIdentifier(name))
            {
                packages[name] = packages.ContainsKey(name) ? null : directory;
            }
        }

        return packages;
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => c == '_' || char.IsLetterOrDigit(c));

    private static string Parent(string relative)
    {
        var slash = relative.LastIndexOf('/');
        return slash < 0 ? "" : relative[..slash];
    }

    private static string Join(string directory, string name) => directory.Length == 0 ? name : directory + "/" + name;

    /// <summary>A module as the index keeps it: its module-level bindings, and its parse until its own analysis takes it.</summary>
    private sealed class ModuleSlot(IReadOnlyDictionary<string, Binding>? bindings, string[] starImports)
    {
        public static readonly ModuleSlot Empty = new(null, []);

        public IReadOnlyDictionary<string, Binding>? Bindings { get; } = bindings;

        public string[] StarImports { get; } = starImports;

        /// <summary>Names found (or not) through the star imports, so that each is searched once per module.</summary>
        public ConcurrentDictionary<string, (string Target, string File)?> StarAnswers { get; } = new(StringComparer.Ordinal);

        public ParsedModule? Parked;

        public byte[]? Bytes { get; init; }

        public bool ParkedForAnalysis { get; init; }

        public long ParkedBytes { get; init; }
    }
}
