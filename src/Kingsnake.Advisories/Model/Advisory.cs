using Kingsnake.Advisories.Matching;
using Kingsnake.Advisories.Severity;

namespace Kingsnake.Advisories.Model;

/// <summary>
/// One OSV record (https://ossf.github.io/osv-schema/), reduced to what an audit needs. Every scalar is kept
/// as the string the record holds (timestamps included). Only <c>affected</c> entries of the "PyPI" ecosystem
/// are kept; <c>ecosystem_specific</c> and most of <c>database_specific</c> are ignored.
/// </summary>
public sealed class Advisory
{
    private AdvisorySeverity? _severity;

    public Advisory(
        string id,
        string modified,
        IReadOnlyList<AffectedPackage> affected,
        IReadOnlyList<string>? aliases = null,
        IReadOnlyList<string>? related = null,
        string? summary = null,
        string? details = null,
        string? published = null,
        string? withdrawn = null,
        IReadOnlyList<SeverityScore>? severity = null,
        string? databaseSeverity = null,
        IReadOnlyList<AdvisoryReference>? references = null,
        string? sourcePath = null)
    {
        Id = id;
        Modified = modified;
        Affected = affected;
        Aliases = aliases ?? [];
        Related = related ?? [];
        Summary = summary;
        Details = details;
        Published = published;
        Withdrawn = withdrawn;
        SeverityScores = severity ?? [];
        DatabaseSeverity = databaseSeverity;
        References = references ?? [];
        SourcePath = sourcePath;
    }

    public string Id { get; }

    /// <summary>Other ids of the same flaw (symmetric, transitive: see <see cref="Grouping.Vulnerability"/>).</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>Ids of related but different flaws (not merged).</summary>
    public IReadOnlyList<string> Related { get; }

    public string? Summary { get; }

    public string? Details { get; }

    /// <summary>RFC 3339 text as written in the record (not parsed: YAML 1.1 timestamps stay strings).</summary>
    public string? Published { get; }

    public string Modified { get; }

    /// <summary>Set when the record was withdrawn; such records are not loaded into a database.</summary>
    public string? Withdrawn { get; }

    /// <summary>The top-level <c>severity[]</c> entries (type + vector).</summary>
    public IReadOnlyList<SeverityScore> SeverityScores { get; }

    /// <summary><c>database_specific.severity</c> when it is a string (GHSA uses LOW/MODERATE/HIGH/CRITICAL).</summary>
    public string? DatabaseSeverity { get; }

    public IReadOnlyList<AdvisoryReference> References { get; }

    /// <summary>The PyPI <c>affected[]</c> entries (names PEP 503-normalized).</summary>
    public IReadOnlyList<AffectedPackage> Affected { get; }

    /// <summary>The file (or archive member) the record came from, when known.</summary>
    public string? SourcePath { get; }

    /// <summary>The severity computed from the CVSS v3 vectors, or the database's own label, or unknown.</summary>
    public AdvisorySeverity Severity => _severity ??= AdvisorySeverity.Assess(this);

    /// <summary>The affected entries for one package (the name is normalized before comparing).</summary>
    public IEnumerable<AffectedPackage> AffectedEntriesFor(string packageName)
    {
        var normalized = Packaging.Names.PackageName.Normalize(packageName);
        foreach (var entry in Affected)
        {
            if (string.Equals(entry.Name, normalized, StringComparison.Ordinal))
            {
                yield return entry;
            }
        }
    }

    /// <summary>True when any affected entry for <paramref name="packageName"/> covers <paramref name="rawVersion"/>.</summary>
    public bool Affects(string packageName, string rawVersion) => Affects(packageName, VersionQuery.Parse(rawVersion));

    public bool Affects(string packageName, VersionQuery version)
    {
        foreach (var entry in AffectedEntriesFor(packageName))
        {
            if (entry.Affects(version))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => Id;
}

/// <summary>A <c>severity[]</c> entry: <c>type</c> (CVSS_V2, CVSS_V3, CVSS_V4, Ubuntu…) and <c>score</c> (a vector for CVSS).</summary>
public sealed record SeverityScore(string Type, string Score);

/// <summary>A <c>references[]</c> entry.</summary>
public sealed record AdvisoryReference(string Type, string Url);
