using Kingsnake.Workflows.RepositoryData;

namespace Kingsnake.Workflows.Knowledge;

/// <summary>
/// Everything known locally about which commit a tag of an action repository is: the run's <see cref="ActionPins"/>
/// (the project's lock file, its clones and the built-in list) and the configured repository data, if any.
/// </summary>
public sealed class ActionCommitIndex(ActionPins pins, IActionRepositoryData? data = null)
{
    /// <summary>True when the repository data lists every tag of <paramref name="repository"/> (so "no tag" is a fact).</summary>
    public bool KnowsAllTags(string repository) => data?.Refs(repository) is not null;

    /// <summary>Every known fact about <paramref name="repository"/>, the pins first (most trusted first), then the repository data.</summary>
    public IEnumerable<ActionPin> Facts(string repository)
    {
        var key = ActionPins.RepositoryOf(repository);
        foreach (var pin in pins.Pins(key))
        {
            yield return pin;
        }

        if (data?.Refs(key) is { } refs)
        {
            foreach (var (tag, commit) in refs.Tags)
            {
                yield return new ActionPin(key, tag, commit, data.Source);
            }
        }
    }

    /// <summary>The tags known to point at <paramref name="commit"/>.</summary>
    public IReadOnlyList<ActionPin> TagsAt(string repository, string commit) =>
        [.. Facts(repository).Where(f => f.Sha.Equals(commit, StringComparison.OrdinalIgnoreCase))];

    /// <summary>The commits known for <paramref name="tag"/> (with or without a leading v, which projects write both ways).</summary>
    public IReadOnlyList<ActionPin> CommitsOf(string repository, string tag) =>
        [.. Facts(repository).Where(f => SameTag(f.Tag, tag))];

    /// <summary>True for the same tag name, ignoring a leading 'v' on either side (<c>v4.2.2</c> = <c>4.2.2</c>).</summary>
    public static bool SameTag(string a, string b) =>
        a.Equals(b, StringComparison.Ordinal) || StripV(a).Equals(StripV(b), StringComparison.Ordinal);

    private static ReadOnlySpan<char> StripV(string tag) =>
        tag.Length > 1 && tag[0] is 'v' or 'V' && char.IsAsciiDigit(tag[1]) ? tag.AsSpan(1) : tag.AsSpan();
}
