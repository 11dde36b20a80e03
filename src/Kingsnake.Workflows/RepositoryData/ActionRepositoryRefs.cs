namespace Kingsnake.Workflows.RepositoryData;

/// <summary>
/// A repository's refs: tag and branch names mapped to the commit each points at (lower-case hex; annotated tags
/// peeled to their commit). The lists are taken as complete: a commit that no tag names is "not a tag".
/// </summary>
public sealed class ActionRepositoryRefs
{
    private readonly Dictionary<string, List<string>> _tagsByCommit = new(StringComparer.OrdinalIgnoreCase);

    public ActionRepositoryRefs(IReadOnlyDictionary<string, string> tags, IReadOnlyDictionary<string, string> branches)
    {
        Tags = tags;
        Branches = branches;
        foreach (var (tag, commit) in tags)
        {
            if (!_tagsByCommit.TryGetValue(commit, out var list))
            {
                _tagsByCommit[commit] = list = [];
            }

            list.Add(tag);
        }
    }

    /// <summary>Tag name → commit.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; }

    /// <summary>Branch name → head commit.</summary>
    public IReadOnlyDictionary<string, string> Branches { get; }

    /// <summary>The tags that point at <paramref name="commit"/>.</summary>
    public IReadOnlyList<string> TagsAt(string commit) => _tagsByCommit.TryGetValue(commit, out var list) ? list : [];

    /// <summary>True when some tag or branch head is exactly <paramref name="commit"/>.</summary>
    public bool IsHead(string commit) =>
        _tagsByCommit.ContainsKey(commit) || Branches.Values.Any(c => c.Equals(commit, StringComparison.OrdinalIgnoreCase));
}
