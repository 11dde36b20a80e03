namespace Kingsnake.Advisories.Matching;

/// <summary>A <c>versions[]</c> list prepared for lookups: PEP 440 keys, plus exact strings for the rest.</summary>
internal sealed class VersionSet
{
    private readonly HashSet<string> _keys;
    private readonly HashSet<string>? _opaque;

    public VersionSet(IReadOnlyList<string> versions)
    {
        _keys = new HashSet<string>(versions.Count, StringComparer.Ordinal);
        foreach (var version in versions)
        {
            if (VersionKey.Of(version) is { } key)
            {
                _keys.Add(key);
            }
            else
            {
                (_opaque ??= new HashSet<string>(StringComparer.Ordinal)).Add(version);
            }
        }
    }

    public bool Contains(VersionQuery query)
    {
        if (query.Key is null)
        {
            return _opaque is not null && _opaque.Contains(query.Raw);
        }

        return _keys.Contains(query.Key) || (query.PublicKey is not null && _keys.Contains(query.PublicKey));
    }
}
