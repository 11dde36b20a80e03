using System.Globalization;
using Kingsnake.Advisories.Grouping;
using Kingsnake.Advisories.Index;
using Kingsnake.Core.Configuration;
using Kingsnake.Core.Findings;
using Kingsnake.Packaging.Names;
using Kingsnake.Reporting.Sbom;

namespace Kingsnake.Posture.Sbom;

/// <summary>
/// The dependency audit's findings as CycloneDX vulnerabilities (<c>--with-vulnerabilities</c>): one entry per
/// advisory, listing every SBOM component it affects, with the project's own decisions as VEX analysis.
/// </summary>
/// <remarks>
/// <para>
/// Each advisory of a <see cref="DependencyFindingData"/> (its <see cref="DependencyFindingData.Vulnerabilities"/>)
/// becomes, or joins, the entry with its id: <c>source</c> OSV with the record's osv.dev page (PYSEC records are the
/// PyPA advisory database's, which OSV serves), its aliases (CVE, GHSA, other record ids), one rating (the finding's
/// severity and CVSS score; with an <see cref="AdvisoryDatabase"/>, the vector and its CVSS version as the method),
/// the summary as the description (the record's details with a database), and per component
/// <c>affects[]{ref, version}</c> with the lowest fixed release. Findings about a range (unpinned requirements) and
/// packages the SBOM has no component for are left out: an SBOM vulnerability affects a component at a version.
/// </para>
/// <para>
/// VEX: an advisory the configuration accepts (<see cref="KingsnakeConfig.IgnoreVulnerabilities"/>, matched by id or
/// alias, still active at <c>now</c>) gets <c>analysis</c> with state <c>exploitable</c>, response
/// <c>will_not_fix</c>, and the reason and expiry as the detail. Of CycloneDX 1.6's states this is the one that fits
/// an ignore entry: the project knows the flaw applies and chose not to act. <c>not_affected</c> claims the component
/// is not affected and needs a justification (code not reachable, protected at runtime…) the configuration does not
/// record; <c>false_positive</c> claims the match is wrong; <c>in_triage</c> says it is still being investigated,
/// which an accepted ignore is not. An expired ignore gives no analysis: the advisory is open again.
/// </para>
/// <para>
/// The audit puts accepted advisories in <c>AuditResult.Suppressed</c>, not <c>Findings</c>: pass both
/// (<c>result.Findings.Concat(result.Suppressed.Select(s =&gt; s.Finding))</c>) for the accepted ones to appear
/// with their analysis.
/// </para>
/// </remarks>
public static class BomVulnerabilities
{
    /// <param name="findings">Dependency findings, reported and suppressed; others are ignored.</param>
    /// <param name="componentRefs">The SBOM's component ref for a package name and exact version (names are compared normalized, versions as written).</param>
    /// <param name="ignores">The configuration's accepted advisories.</param>
    /// <param name="now">The time ignores are judged at.</param>
    /// <param name="database">The advisory database the audit used, for each record's vector, dates and details; optional.</param>
    public static IReadOnlyList<BomVulnerability> Build(
        IEnumerable<Finding> findings,
        IReadOnlyDictionary<(string Name, string Version), string> componentRefs,
        IReadOnlyList<VulnerabilityIgnore> ignores,
        DateTimeOffset now,
        AdvisoryDatabase? database = null)
    {
        var refs = new Dictionary<(string, string), string>();
        foreach (var ((name, version), reference) in componentRefs)
        {
            refs.TryAdd((PackageName.Normalize(name), version), reference);
        }

        var entries = new SortedDictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var finding in findings)
        {
            if (finding.Data is not DependencyFindingData { Unpinned: false } data
                || !refs.TryGetValue((PackageName.Normalize(data.Package), data.Version), out var reference))
            {
                continue;
            }

            foreach (var advisory in data.Vulnerabilities)
            {
                if (!entries.TryGetValue(advisory.Id, out var entry))
                {
                    entries[advisory.Id] = entry = new Entry(advisory, data.Package, database);
                }

                entry.Affect(reference, data.Package, data.Version, advisory.FixedIn);
            }
        }

        return [.. entries.Values.Select(e => e.ToVulnerability(ignores, now))];
    }

    /// <summary>The CycloneDX rating method a CVSS vector names: <c>CVSS:3.1/…</c> → CVSSv31, <c>CVSS:3.0/…</c> → CVSSv3, <c>CVSS:4.0/…</c> → CVSSv4, a bare v2 vector (<c>AV:N/…</c>) → CVSSv2.</summary>
    public static string? CvssMethod(string? vector) => vector switch
    {
        null => null,
        _ when vector.StartsWith("CVSS:3.1/", StringComparison.Ordinal) => "CVSSv31",
        _ when vector.StartsWith("CVSS:3.0/", StringComparison.Ordinal) => "CVSSv3",
        _ when vector.StartsWith("CVSS:4.0/", StringComparison.Ordinal) => "CVSSv4",
        _ when vector.StartsWith("AV:", StringComparison.Ordinal) => "CVSSv2",
        _ => null,
    };

    /// <summary>One advisory while findings are gathered: its facts and the components it affects.</summary>
    private sealed class Entry
    {
        private readonly DependencyAdvisory _advisory;
        private readonly Vulnerability? _record;
        private readonly SortedDictionary<string, BomAffect> _affects = new(StringComparer.Ordinal);
        private readonly SortedSet<string> _upgrades = new(StringComparer.Ordinal);

        public Entry(DependencyAdvisory advisory, string package, AdvisoryDatabase? database)
        {
            _advisory = advisory;
            _record = database?.ForPackage(package).FirstOrDefault(v => v.Ids.Contains(advisory.Id, StringComparer.Ordinal));
        }

        public void Affect(string reference, string package, string version, string? fixedIn)
        {
            if (_affects.TryGetValue(reference, out var known) && (known.FixedVersions.Count > 0 || fixedIn is null))
            {
                return;
            }

            _affects[reference] = new BomAffect(reference, version) { FixedVersions = fixedIn is null ? [] : [fixedIn] };
            if (fixedIn is not null)
            {
                _upgrades.Add($"{package} to {fixedIn} or later");
            }
        }

        public BomVulnerability ToVulnerability(IReadOnlyList<VulnerabilityIgnore> ignores, DateTimeOffset now)
        {
            var aliases = _advisory.Aliases.Where(a => !a.Equals(_advisory.Id, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var vector = _record?.Severity.Vector;
            return new BomVulnerability
            {
                Id = _advisory.Id,
                SourceName = "OSV",
                SourceUrl = "https://osv.dev/vulnerability/" + Uri.EscapeDataString(_advisory.Id),
                Aliases = aliases,
                Ratings = [new BomRating(_advisory.Severity?.ToName() ?? "unknown", _advisory.CvssScore is { } score && double.IsFinite(score) ? score : null, CvssMethod(vector), vector)],
                Description = _record?.Details is { Length: > 0 } details ? details : _advisory.Summary.Length > 0 ? _advisory.Summary : null,
                Recommendation = _upgrades.Count > 0 ? $"Upgrade {string.Join("; ", _upgrades)}." : "No fixed release is known.",
                Published = _record?.Advisories.Select(a => Date(a.Published)).Where(d => d is not null).Min(),
                Updated = _record?.Advisories.Select(a => Date(a.Modified)).Where(d => d is not null).Max(),
                Affects = [.. _affects.Values],
                Analysis = Accepted(ignores, now, aliases),
            };
        }

        private BomAnalysis? Accepted(IReadOnlyList<VulnerabilityIgnore> ignores, DateTimeOffset now, List<string> aliases)
        {
            var ignore = ignores.FirstOrDefault(i => i.IsActive(now)
                && (i.Id.Equals(_advisory.Id, StringComparison.OrdinalIgnoreCase) || aliases.Contains(i.Id, StringComparer.OrdinalIgnoreCase)));
            if (ignore is null)
            {
                return null;
            }

            var reason = ignore.Reason.Trim().Length > 0 ? ignore.Reason.Trim() : "no reason given";
            var until = ignore.Until is { } date ? $"until {date:yyyy-MM-dd}" : "without an expiry date";
            return new BomAnalysis("exploitable")
            {
                Responses = ["will_not_fix"],
                Detail = $"Accepted in the Kingsnake configuration (ignore-vulnerabilities, {ignore.Id}) {until}: {reason}",
            };
        }

        private static DateTimeOffset? Date(string? text) =>
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date) ? date : null;
    }
}
