using Kingsnake.Advisories.Model;

namespace Kingsnake.Advisories.Severity;

/// <summary>Qualitative severity. Ordered: a higher value is worse; <see cref="Unknown"/> sorts lowest.</summary>
public enum SeverityRating
{
    Unknown = 0,
    None = 1,
    Low = 2,
    Medium = 3,
    High = 4,
    Critical = 5,
}

public enum SeveritySource
{
    /// <summary>No usable severity in the record.</summary>
    None,

    /// <summary>Computed from a CVSS v3.0/v3.1 vector.</summary>
    CvssV3,

    /// <summary>The database's own label (<c>database_specific.severity</c>, e.g. GHSA "MODERATE").</summary>
    DatabaseSpecific,
}

/// <summary>The severity of an advisory: rating, CVSS base score and vector when computed from one.</summary>
public sealed record AdvisorySeverity(SeverityRating Rating, double? Score, string? Vector, SeveritySource Source)
{
    public static readonly AdvisorySeverity Unknown = new(SeverityRating.Unknown, null, null, SeveritySource.None);

    /// <summary>
    /// The worst CVSS v3 base score among the record's <c>severity[]</c> entries (top level and per affected
    /// entry); else its <c>database_specific.severity</c> label; else unknown. CVSS v2/v4 vectors are not
    /// computed (v4 needs the full macro-vector table) and count as unknown unless a label exists.
    /// </summary>
    public static AdvisorySeverity Assess(Advisory advisory)
    {
        AdvisorySeverity? best = null;
        Consider(advisory.SeverityScores, ref best);
        foreach (var entry in advisory.Affected)
        {
            Consider(entry.SeverityScores, ref best);
        }

        if (best is not null)
        {
            return best;
        }

        var label = advisory.DatabaseSeverity;
        foreach (var entry in advisory.Affected)
        {
            label ??= entry.DatabaseSeverity;
        }

        return FromLabel(label);
    }

    /// <summary>A severity from a database label (CRITICAL, HIGH, MODERATE/MEDIUM, LOW, NONE); unknown otherwise.</summary>
    public static AdvisorySeverity FromLabel(string? label)
    {
        var rating = label?.Trim().ToUpperInvariant() switch
        {
            "CRITICAL" => SeverityRating.Critical,
            "HIGH" => SeverityRating.High,
            "MODERATE" or "MEDIUM" => SeverityRating.Medium,
            "LOW" => SeverityRating.Low,
            "NONE" => SeverityRating.None,
            _ => SeverityRating.Unknown,
        };
        return rating == SeverityRating.Unknown ? Unknown : new AdvisorySeverity(rating, null, null, SeveritySource.DatabaseSpecific);
    }

    /// <summary>The project's finding severity (None → Info); null when unknown.</summary>
    public Core.Findings.Severity? ToFindingSeverity() => Rating switch
    {
        SeverityRating.Critical => Core.Findings.Severity.Critical,
        SeverityRating.High => Core.Findings.Severity.High,
        SeverityRating.Medium => Core.Findings.Severity.Medium,
        SeverityRating.Low => Core.Findings.Severity.Low,
        SeverityRating.None => Core.Findings.Severity.Info,
        _ => null,
    };

    /// <summary>The worse of two severities (by rating, then score).</summary>
    public static AdvisorySeverity Max(AdvisorySeverity left, AdvisorySeverity right)
    {
        if (left.Rating != right.Rating)
        {
            return left.Rating > right.Rating ? left : right;
        }

        return (right.Score ?? -1) > (left.Score ?? -1) ? right : left;
    }

    private static void Consider(IReadOnlyList<SeverityScore> scores, ref AdvisorySeverity? best)
    {
        foreach (var score in scores)
        {
            if (score.Type != "CVSS_V3" || !CvssV3.TryComputeBaseScore(score.Score, out var value))
            {
                continue;
            }

            var candidate = new AdvisorySeverity(CvssV3.Rate(value), value, score.Score, SeveritySource.CvssV3);
            best = best is null ? candidate : Max(best, candidate);
        }
    }
}
