using Kingsnake.Advisories.Matching;
using Kingsnake.Packaging.Versions;

namespace Kingsnake.Advisories.Model;

/// <summary>
/// One PyPI <c>affected[]</c> entry. A version is affected when it is listed in <see cref="Versions"/> OR lies
/// inside any <see cref="RangeType.Ecosystem"/> range (the OSV union rule). GIT and SEMVER ranges are kept but
/// never evaluated, wherever they appear in the list.
/// </summary>
/// <remarks>
/// Non-PEP 440 strings, decided once for the whole project:
/// <list type="bullet">
/// <item>a queried version that is not PEP 440 matches only a <c>versions[]</c> entry with the very same string
/// (ordinal); ranges cannot order it, so they never match it;</item>
/// <item>a <c>versions[]</c> entry that is not PEP 440 matches only that exact string;</item>
/// <item>a range with an event whose version is not PEP 440 cannot be ordered and is not evaluated: its extent is
/// unknown (binderhub PYSEC-2021-371 <c>fixed: 0.2.0-n653</c>, steam PYSEC-2019-125 <c>fixed: 2019-09-12</c>), and
/// dropping the event would flag every later release, fixed ones included. A false alarm on every build costs more
/// trust than the miss; the record's <c>versions[]</c> list still applies.</item>
/// </list>
/// A PEP 440 query equal to a listed version matches it; a query with a local label (<c>1.0+cpu</c>) also
/// matches a listed <c>1.0</c>, as the <c>==1.0</c> specifier would (a local build is a build of 1.0).
/// </remarks>
public sealed class AffectedPackage
{
    private VersionSet? _versionSet;

    public AffectedPackage(
        string name,
        IReadOnlyList<AffectedRange>? ranges = null,
        IReadOnlyList<string>? versions = null,
        IReadOnlyList<SeverityScore>? severity = null,
        string? databaseSeverity = null,
        string? rawName = null,
        string? purl = null)
    {
        Name = Packaging.Names.PackageName.Normalize(name);
        RawName = rawName ?? name;
        Ranges = ranges ?? [];
        Versions = versions ?? [];
        SeverityScores = severity ?? [];
        DatabaseSeverity = databaseSeverity;
        Purl = purl;
    }

    /// <summary>The PEP 503-normalized package name.</summary>
    public string Name { get; }

    /// <summary>The name as the record wrote it (e.g. <c>jw.util</c>).</summary>
    public string RawName { get; }

    public string? Purl { get; }

    public IReadOnlyList<AffectedRange> Ranges { get; }

    /// <summary>The <c>versions[]</c> strings as written.</summary>
    public IReadOnlyList<string> Versions { get; }

    /// <summary><c>affected[].severity</c> (overrides the top level for this package when present).</summary>
    public IReadOnlyList<SeverityScore> SeverityScores { get; }

    public string? DatabaseSeverity { get; }

    public bool Affects(string rawVersion) => Affects(VersionQuery.Parse(rawVersion));

    public bool Affects(VersionQuery version)
    {
        if (GetVersionSet().Contains(version))
        {
            return true;
        }

        return version.Version is { } parsed && AffectsByRanges(parsed);
    }

    /// <summary>True when an ECOSYSTEM range covers the version (<c>versions[]</c> not consulted).</summary>
    public bool AffectsByRanges(PythonVersion version)
    {
        foreach (var range in Ranges)
        {
            if (range.Type == RangeType.Ecosystem && range.Contains(version))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The <c>fixed</c> versions of the ECOSYSTEM ranges that are PEP 440, above <paramref name="version"/> and not
    /// themselves inside a range of this entry (pyspark PYSEC-2023-72 "fixes" 3.1.1 and re-introduces it at once),
    /// ascending and distinct. For a non-PEP 440 version (null) every such fix is returned. <c>versions[]</c> is not
    /// consulted: gevent PYSEC-2023-177 lists its own fix 23.9.0 there, and 23.9.0 is still the fix to suggest.
    /// </summary>
    public IReadOnlyList<PythonVersion> FixedVersionsAbove(PythonVersion? version)
    {
        List<PythonVersion>? result = null;
        foreach (var range in Ranges)
        {
            if (range.Type != RangeType.Ecosystem)
            {
                continue;
            }

            foreach (var fixedVersion in range.FixedVersions)
            {
                if ((version is null || fixedVersion > version) && !AffectsByRanges(fixedVersion))
                {
                    result ??= [];
                    if (!result.Contains(fixedVersion))
                    {
                        result.Add(fixedVersion);
                    }
                }
            }
        }

        if (result is null)
        {
            return [];
        }

        result.Sort();
        return result;
    }

    /// <summary>
    /// Every version string this entry names: <c>versions[]</c> and the ECOSYSTEM event versions (without the
    /// <c>introduced: "0"</c> and <c>limit: "*"</c> sentinels), raw and distinct, so a caller can test which of
    /// them a specifier allows.
    /// </summary>
    public IReadOnlyList<string> MentionedVersions()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>(Versions.Count + 4);
        foreach (var version in Versions)
        {
            if (seen.Add(version))
            {
                result.Add(version);
            }
        }

        foreach (var range in Ranges)
        {
            if (range.Type != RangeType.Ecosystem)
            {
                continue;
            }

            foreach (var rangeEvent in range.Events)
            {
                if (rangeEvent.IsSentinel)
                {
                    continue;
                }

                if (seen.Add(rangeEvent.Version))
                {
                    result.Add(rangeEvent.Version);
                }
            }
        }

        return result;
    }

    private VersionSet GetVersionSet() => _versionSet ??= new VersionSet(Versions);

    public override string ToString() => Name;
}
