using System.Collections.Frozen;
using Kingsnake.Workflows.RepositoryData;

namespace Kingsnake.Workflows.Knowledge;

/// <summary>
/// Everything known locally about which commit a tag of an action repository is: the built-in table
/// (<c>Knowledge/Data/action-tags.txt</c>), the user's pin lock, and the configured repository data, if any.
/// </summary>
public sealed class ActionCommitIndex
{
    private static readonly Lazy<FrozenDictionary<string, ActionTagCommit[]>> BuiltInByRepository = new(LoadBuiltIn);

    private readonly Dictionary<string, List<ActionTagCommit>> _locked = new(StringComparer.OrdinalIgnoreCase);
    private readonly IActionRepositoryData? _data;

    public ActionCommitIndex(ActionPinLock? pinLock = null, IActionRepositoryData? data = null)
    {
        _data = data;
        foreach (var entry in pinLock?.Entries ?? [])
        {
            if (!_locked.TryGetValue(entry.Repository, out var list))
            {
                _locked[entry.Repository] = list = [];
            }

            list.Add(entry);
        }
    }

    /// <summary>The rows of the built-in table.</summary>
    public static IEnumerable<ActionTagCommit> BuiltIn => BuiltInByRepository.Value.Values.SelectMany(rows => rows);

    /// <summary>True when the repository data lists every tag of <paramref name="repository"/> (so "no tag" is a fact).</summary>
    public bool KnowsAllTags(string repository) => _data?.Refs(repository) is not null;

    /// <summary>Every known fact about <paramref name="repository"/>, from all sources.</summary>
    public IEnumerable<ActionTagCommit> Facts(string repository)
    {
        var key = ActionTagCommit.RepositoryOf(repository);
        if (BuiltInByRepository.Value.TryGetValue(key, out var builtIn))
        {
            foreach (var row in builtIn)
            {
                yield return row;
            }
        }

        if (_locked.TryGetValue(key, out var locked))
        {
            foreach (var row in locked)
            {
                yield return row;
            }
        }

        if (_data?.Refs(key) is { } refs)
        {
            foreach (var (tag, commit) in refs.Tags)
            {
                yield return new ActionTagCommit(key, tag, commit, _data.Source);
            }
        }
    }

    /// <summary>The tags known to point at <paramref name="commit"/>.</summary>
    public IReadOnlyList<ActionTagCommit> TagsAt(string repository, string commit) =>
        [.. Facts(repository).Where(f => f.Commit.Equals(commit, StringComparison.OrdinalIgnoreCase))];

    /// <summary>The commits known for <paramref name="tag"/> (with or without a leading v, which projects write both ways).</summary>
    public IReadOnlyList<ActionTagCommit> CommitsOf(string repository, string tag) =>
        [.. Facts(repository).Where(f => SameTag(f.Tag, tag))];

    /// <summary>True for the same tag name, ignoring a leading 'v' on either side (<c>v4.2.2</c> = <c>4.2.2</c>).</summary>
    public static bool SameTag(string a, string b) =>
        a.Equals(b, StringComparison.Ordinal) || StripV(a).Equals(StripV(b), StringComparison.Ordinal);

    private static ReadOnlySpan<char> StripV(string tag) =>
        tag.Length > 1 && tag[0] is 'v' or 'V' && char.IsAsciiDigit(tag[1]) ? tag.AsSpan(1) : tag.AsSpan();

    private static FrozenDictionary<string, ActionTagCommit[]> LoadBuiltIn()
    {
        const string name = "action-tags.txt";
        using var stream = typeof(ActionCommitIndex).Assembly.GetManifestResourceStream("Kingsnake.Workflows.Knowledge." + name)
            ?? throw new InvalidOperationException($"embedded table {name} is missing");
        using var reader = new StreamReader(stream);
        var rows = new List<ActionTagCommit>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var hash = line.IndexOf('#');
            var fields = (hash >= 0 ? line[..hash] : line).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                continue;
            }

            if (fields.Length != 3 || !ActionTagCommit.IsCommit(fields[2]))
            {
                throw new InvalidOperationException($"{name}:{lineNumber}: expected 'owner/repo tag commit'");
            }

            rows.Add(new ActionTagCommit(ActionTagCommit.RepositoryOf(fields[0]), fields[1], fields[2].ToLowerInvariant(), $"{name}:{lineNumber}"));
        }

        return rows.GroupBy(r => r.Repository, StringComparer.OrdinalIgnoreCase).ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
    }
}
