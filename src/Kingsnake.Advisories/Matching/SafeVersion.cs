using Kingsnake.Advisories.Grouping;
using Kingsnake.Packaging.Versions;

namespace Kingsnake.Advisories.Matching;

/// <summary>
/// The release to advise: the lowest known release above the current one that no advisory of the package affects at
/// all. Taking the lowest <c>fixed</c> of the advisories that hit the current version is not enough: an upgrade can
/// land inside a range that starts above the current version (django 1.11's hits are all fixed in 2.2.24, and 2.2.24
/// has eight advisories of its own; 2.2.28 is the first 2.2 release with none).
/// </summary>
public static class SafeVersion
{
    /// <summary>
    /// The lowest candidate above <paramref name="current"/> (every candidate when null) that none of
    /// <paramref name="vulnerabilities"/> affects; null when no known release is clear of them all.
    /// </summary>
    /// <remarks>
    /// Candidates are the releases the records name: the versions of the ECOSYSTEM range events (<c>fixed</c>,
    /// <c>introduced</c>, <c>last_affected</c>, <c>limit</c>) and of <c>versions[]</c>. Only those are known to exist; a
    /// version between them may never have been released. Pre-releases and dev releases are candidates only when the
    /// current version is one itself (a project on finals is not advised onto <c>4.0rc1</c>).
    /// </remarks>
    public static PythonVersion? Lowest(IReadOnlyList<Vulnerability> vulnerabilities, PythonVersion? current) => Lowest(vulnerabilities, current, inclusive: false);

    /// <summary>
    /// As <see cref="Lowest(IReadOnlyList{Vulnerability}, PythonVersion?)"/>; with <paramref name="inclusive"/>,
    /// <paramref name="current"/> is a candidate too (a range's lower bound that is itself clean is the answer).
    /// </summary>
    public static PythonVersion? Lowest(IReadOnlyList<Vulnerability> vulnerabilities, PythonVersion? current, bool inclusive)
    {
        var allowPre = current is { IsPreRelease: true };
        var candidates = new SortedSet<PythonVersion>();
        foreach (var vulnerability in vulnerabilities)
        {
            foreach (var entry in vulnerability.AffectedEntries)
            {
                foreach (var raw in entry.MentionedVersions())
                {
                    if (PythonVersion.TryParse(raw, out var version) && (current is null || version > current || (inclusive && version == current)) && (allowPre || !version.IsPreRelease))
                    {
                        candidates.Add(version);
                    }
                }
            }
        }

        if (inclusive && current is not null)
        {
            candidates.Add(current);
        }

        foreach (var candidate in candidates)
        {
            var query = VersionQuery.From(candidate);
            if (!vulnerabilities.Any(v => v.Affects(query)))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The lowest safe release for a version as written (every candidate when it is not PEP 440).</summary>
    public static PythonVersion? Lowest(IReadOnlyList<Vulnerability> vulnerabilities, string current) =>
        Lowest(vulnerabilities, PythonVersion.TryParse(current, out var parsed) ? parsed : null);
}
