using Kingsnake.Packaging.Versions;

namespace Kingsnake.Advisories.Matching;

/// <summary>
/// A version to test against advisories: the raw string as installed or pinned, its PEP 440 parse (null when
/// the string is not PEP 440) and its match keys. Parse once, test against many advisories.
/// </summary>
public sealed class VersionQuery
{
    private VersionQuery(string raw, PythonVersion? version)
    {
        Raw = raw;
        Version = version;
        if (version is not null)
        {
            Key = VersionKey.Of(version);
            PublicKey = version.HasLocal ? VersionKey.Of(version.Public) : null;
        }
    }

    public string Raw { get; }

    /// <summary>The PEP 440 version; null when <see cref="Raw"/> is not PEP 440 (then only exact <c>versions[]</c> strings match).</summary>
    public PythonVersion? Version { get; }

    public bool IsPep440 => Version is not null;

    internal string? Key { get; }

    /// <summary>The key of the version without its local label (only when it has one).</summary>
    internal string? PublicKey { get; }

    public static VersionQuery Parse(string rawVersion) =>
        new(rawVersion, PythonVersion.TryParse(rawVersion, out var version) ? version : null);

    public static VersionQuery From(PythonVersion version) => new(version.ToString(), version);

    public override string ToString() => Raw;
}
