using System.Globalization;
using System.IO.Compression;
using System.Text;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Toml;
using Kingsnake.Project;
using Kingsnake.Project.Git;

namespace Kingsnake.Workflows.Knowledge;

/// <summary>A release tag of an action repository and the commit it points at, with where that fact came from.</summary>
/// <param name="Repository"><c>owner/repo</c>, lower-case.</param>
/// <param name="Tag">The tag as the source wrote it, e.g. <c>v4.2.2</c>.</param>
/// <param name="Sha">The 40-hex commit SHA, lower-case.</param>
/// <param name="Origin">Where the SHA came from, for messages: "the built-in list of known releases", a lock file and line, a local clone.</param>
public sealed record ActionPin(string Repository, string Tag, string Sha, string Origin);

/// <summary>
/// What is known offline about which commit each release tag of an action repository is: the facts the unpinned-uses
/// fix pins with (<see cref="Resolve"/>) and ref-version-mismatch checks version comments against (<see cref="Pins"/>,
/// through <see cref="ActionCommitIndex"/>). Three sources, most trusted first: the project's lock file
/// <c>.github/kingsnake-pins.toml</c> (its <c>[pins]</c> table), local clones of action repositories that the lock file
/// names (its <c>[clones]</c> table; tags read from <c>packed-refs</c> and <c>refs/tags</c>), and the built-in list
/// <c>Knowledge/Data/action-pins.txt</c>. A tag a more trusted source knows hides the same tag in the others. An exact
/// tag wins in any source; a partial tag (<c>v4</c>, <c>v4.1</c>) then resolves to the newest full release under it
/// that a source knows, and the pin's comment names that release, so the edit says exactly which code it pins.
/// </summary>
public sealed class ActionPins
{
    /// <summary>The file name of the project's lock file, relative to the project root.</summary>
    public const string LockFileName = ".github/kingsnake-pins.toml";

    private const string BuiltInOrigin = "the built-in list of known releases";
    private const int MaxLockFileBytes = 1 << 20;
    private const int MaxTagsPerClone = 100_000;

    private static readonly Lazy<ActionPins> BuiltInPins = new(LoadBuiltIn);

    /// <summary>Sources in order of trust; each maps <c>owner/repo</c> → tag (case-insensitive) → pin.</summary>
    private readonly List<Dictionary<string, Dictionary<string, ActionPin>>> _sources;

    private ActionPins(List<Dictionary<string, Dictionary<string, ActionPin>>> sources) => _sources = sources;

    /// <summary>No pins: the unpinned-uses audit then offers no fix.</summary>
    public static ActionPins None { get; } = new([]);

    /// <summary>The built-in list only.</summary>
    public static ActionPins BuiltIn => BuiltInPins.Value;

    /// <summary>How many pins all sources hold together.</summary>
    public int Count => _sources.Sum(s => s.Values.Sum(t => t.Count));

    /// <summary>Every pin of every repository, as <see cref="Pins"/> gives them.</summary>
    public IEnumerable<ActionPin> All =>
        _sources.SelectMany(s => s.Keys).Distinct(StringComparer.OrdinalIgnoreCase).SelectMany(Pins);

    /// <summary>
    /// The pins for a project: its lock file (when <paramref name="lockFile"/> or <see cref="LockFileName"/> under
    /// <paramref name="rootPath"/> exists) and the clones it names, then the built-in list. A malformed lock file or an
    /// unreadable clone becomes an error in <paramref name="errors"/> naming the file and line; the other sources stay usable.
    /// </summary>
    public static ActionPins Load(ProjectTree project, string? lockFile, List<InputError> errors, bool includeBuiltIn = true)
    {
        var sources = new List<Dictionary<string, Dictionary<string, ActionPin>>>();
        var explicitFile = lockFile is not null;
        var path = Path.GetFullPath(lockFile ?? LockFileName, project.RootPath);
        var display = explicitFile ? lockFile!.Replace('\\', '/') : LockFileName;
        if (explicitFile && !File.Exists(path))
        {
            errors.Add(new InputError(SourceSpan.WholeFile(display), "no such pins file"));
        }
        else if (explicitFile || project.Find(LockFileName) is not null)
        {
            try
            {
                ReadLockFile(project, project.Read(path).Text, display, trusted: explicitFile, sources);
            }
            catch (InputFormatException ex)
            {
                errors.Add(ex.ToError(display));
            }
        }
        else if (includeBuiltIn)
        {
            return BuiltIn; // the usual case: the audit can keep the audits it built for the built-in list
        }

        if (includeBuiltIn)
        {
            sources.AddRange(BuiltIn._sources);
        }

        return new ActionPins(sources);
    }

    /// <summary>
    /// The known tags of <paramref name="repository"/> (<c>owner/repo</c>, any case; a path inside it is ignored), each
    /// once, from the most trusted source that knows it: a lock file pin overrides the built-in list.
    /// </summary>
    public IEnumerable<ActionPin> Pins(string repository)
    {
        var key = RepositoryOf(repository);
        HashSet<string>? seen = null;
        foreach (var source in _sources)
        {
            if (!source.TryGetValue(key, out var tags))
            {
                continue;
            }

            seen ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var pin in tags.Values)
            {
                if (seen.Add(pin.Tag))
                {
                    yield return pin;
                }
            }
        }
    }

    /// <summary>The commit for <paramref name="repository"/> (<c>owner/repo</c>) at <paramref name="tag"/>, or null when no source knows it.</summary>
    public ActionPin? Resolve(string repository, string tag)
    {
        foreach (var source in _sources)
        {
            if (source.TryGetValue(repository, out var tags) && tags.TryGetValue(tag, out var pin))
            {
                return pin;
            }
        }

        // a partial version tag: the newest full release under it, from the most trusted source that has one
        if (ParseVersion(tag) is not { } wanted || wanted.Length >= 3)
        {
            return null;
        }

        foreach (var source in _sources)
        {
            if (!source.TryGetValue(repository, out var tags))
            {
                continue;
            }

            ActionPin? best = null;
            int[]? bestVersion = null;
            foreach (var (candidateTag, pin) in tags)
            {
                if (ParseVersion(candidateTag) is { Length: >= 3 } version && version.AsSpan(0, wanted.Length).SequenceEqual(wanted)
                    && (bestVersion is null || Compare(version, bestVersion) > 0))
                {
                    best = pin;
                    bestVersion = version;
                }
            }

            if (best is not null)
            {
                return best;
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="text"/> is a full 40-hex commit SHA.</summary>
    public static bool IsCommitSha(string text) => text.Length == 40 && text.All(char.IsAsciiHexDigit);

    /// <summary><c>owner/repo</c> of an action name (<c>github/codeql-action/init</c> → <c>github/codeql-action</c>), lower-cased.</summary>
    public static string RepositoryOf(string action)
    {
        var first = action.IndexOf('/');
        var second = first < 0 ? -1 : action.IndexOf('/', first + 1);
        return (second < 0 ? action : action[..second]).ToLowerInvariant();
    }

    /// <summary>The numbers of a release tag (<c>v1.2.3</c> → [1,2,3]); null for pre-releases and other refs.</summary>
    private static int[]? ParseVersion(string tag)
    {
        var text = tag.Length > 1 && tag[0] is 'v' or 'V' ? tag[1..] : tag;
        var parts = text.Split('.');
        if (parts.Length is 0 or > 4)
        {
            return null;
        }

        var numbers = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length is 0 or > 9 || !parts[i].All(char.IsAsciiDigit))
            {
                return null;
            }

            numbers[i] = int.Parse(parts[i], CultureInfo.InvariantCulture);
        }

        return numbers;
    }

    private static int Compare(int[] a, int[] b)
    {
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (a[i] != b[i])
            {
                return a[i].CompareTo(b[i]);
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    private static void Add(Dictionary<string, Dictionary<string, ActionPin>> source, ActionPin pin)
    {
        if (!source.TryGetValue(pin.Repository, out var tags))
        {
            source[pin.Repository] = tags = new Dictionary<string, ActionPin>(StringComparer.OrdinalIgnoreCase);
        }

        tags[pin.Tag] = pin;
    }

    private static ActionPins LoadBuiltIn()
    {
        var source = new Dictionary<string, Dictionary<string, ActionPin>>(StringComparer.OrdinalIgnoreCase);
        using var stream = typeof(ActionPins).Assembly.GetManifestResourceStream("Kingsnake.Workflows.Knowledge.action-pins.txt")
            ?? throw new InvalidOperationException("embedded list action-pins.txt is missing");
        using var reader = new StreamReader(stream);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var hash = line.IndexOf('#');
            var entry = (hash >= 0 ? line[..hash] : line).Trim();
            if (entry.Length == 0)
            {
                continue;
            }

            var fields = entry.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 2 || SplitKey(fields[0]) is not { } key || !IsCommitSha(fields[1]))
            {
                throw new InvalidOperationException($"action-pins.txt line {lineNumber} is not 'owner/repo@tag sha'");
            }

            Add(source, new ActionPin(key.Repository, key.Tag, fields[1].ToLowerInvariant(), BuiltInOrigin));
        }

        return new ActionPins([source]);
    }

    /// <summary>
    /// <c>owner/repo@tag</c> → (<c>owner/repo</c> lower-case, tag); an action path inside the repository
    /// (<c>github/codeql-action/init@v3</c>, as <c>uses:</c> writes it) names the repository's tag. Null for other shapes.
    /// </summary>
    private static (string Repository, string Tag)? SplitKey(string key)
    {
        var at = key.IndexOf('@');
        if (at <= 0 || at == key.Length - 1)
        {
            return null;
        }

        var segments = key[..at].Split('/');
        if (segments.Length < 2 || Array.Exists(segments, s => s.Length == 0))
        {
            return null;
        }

        return (RepositoryOf(key[..at]), key[(at + 1)..]);
    }

    /// <summary>
    /// The lock file (documented for users in docs/fix.md):
    /// <code>
    /// [pins]
    /// "actions/checkout@v4.2.2" = "11bd71901bbe5b1630ceea73d27597364c9af683"
    /// [clones]
    /// "actions/checkout" = "../checkout"   # a local clone, relative to the project root
    /// </code>
    /// </summary>
    private static void ReadLockFile(ProjectTree project, string text, string display, bool trusted, List<Dictionary<string, Dictionary<string, ActionPin>>> sources)
    {
        if (text.Length > MaxLockFileBytes)
        {
            throw new InputFormatException($"the pins file is over {MaxLockFileBytes} bytes");
        }

        var root = TomlDocument.Parse(text, display);
        foreach (var (key, _) in root.Members)
        {
            if (key is not ("pins" or "clones"))
            {
                throw new InputFormatException($"unknown key '{key}' (expected the tables [pins] and [clones])", root[key]!.Line, root[key]!.Column);
            }
        }

        var pins = new Dictionary<string, Dictionary<string, ActionPin>>(StringComparer.OrdinalIgnoreCase);
        if (root["pins"] is { } pinTable)
        {
            if (pinTable.Kind != TomlNodeKind.Table)
            {
                throw new InputFormatException("'pins' must be a table of \"owner/repo@tag\" = \"sha\"", pinTable.Line, pinTable.Column);
            }

            foreach (var (key, value) in pinTable.Members)
            {
                if (SplitKey(key) is not { } parts)
                {
                    throw new InputFormatException($"pin key '{key}' is not \"owner/repo@tag\"", value.Line, value.Column);
                }

                if (value.Kind != TomlNodeKind.String || !IsCommitSha(value.Text!))
                {
                    throw new InputFormatException($"pin '{key}' must be a full 40-character commit SHA", value.Line, value.Column);
                }

                Add(pins, new ActionPin(parts.Repository, parts.Tag, value.Text!.ToLowerInvariant(), $"{display} line {value.Line}"));
            }
        }

        sources.Add(pins);
        if (root["clones"] is not { } cloneTable)
        {
            return;
        }

        if (cloneTable.Kind != TomlNodeKind.Table)
        {
            throw new InputFormatException("'clones' must be a table of \"owner/repo\" = \"path\"", cloneTable.Line, cloneTable.Column);
        }

        var clones = new Dictionary<string, Dictionary<string, ActionPin>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in cloneTable.Members)
        {
            if (key.Count(c => c == '/') != 1 || SplitKey(key + "@x") is not { Repository: var repository } || value.Kind != TomlNodeKind.String)
            {
                throw new InputFormatException($"clone '{key}' must be \"owner/repo\" = \"path to a local clone\"", value.Line, value.Column);
            }

            // a clone is named relative to the project root. A pins file the user gave (--pins) is the user's word and may
            // name any clone; the project's own file is scanned input, and like every path such a file names, its clones
            // must stay inside the project or inside what the user named
            var clonePath = trusted ? Path.GetFullPath(value.Text!, project.RootPath)
                : project.ResolveReference(Path.Combine(project.RootPath, "pins"), value.Line, value.Text!, out _) is { } inside ? inside
                : throw new InputFormatException($"clone '{key}': '{value.Text}' leads outside the project; not read", value.Line, value.Column);
            var clone = GitRepository.Open(clonePath)
                ?? throw new InputFormatException($"'{value.Text}' is not a git clone (no .git directory, packed-refs or refs/)", value.Line, value.Column);
            foreach (var (tag, sha) in clone.Tags())
            {
                Add(clones, new ActionPin(repository, tag, sha, $"the local clone {value.Text}"));
            }
        }

        sources.Add(clones);
    }
}
