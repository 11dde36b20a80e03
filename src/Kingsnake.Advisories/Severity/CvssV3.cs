namespace Kingsnake.Advisories.Severity;

/// <summary>
/// CVSS v3.0 / v3.1 base score from a vector string ("CVSS:3.1/AV:N/AC:L/…"), with the formulas, weights and
/// Roundup of the CVSS v3.1 specification (section 7). The v3.1 Roundup is an exact implementation of the
/// "smallest one-decimal number not below the input" that v3.0 defines, so it is used for both versions.
/// Temporal and environmental metrics may be present and are ignored: this is the base score.
/// </summary>
public static class CvssV3
{
    private static readonly string[] BaseMetrics = ["AV", "AC", "PR", "UI", "S", "C", "I", "A"];

    private static readonly HashSet<string> OtherMetrics = new(StringComparer.Ordinal)
    {
        "E", "RL", "RC", "CR", "IR", "AR", "MAV", "MAC", "MPR", "MUI", "MS", "MC", "MI", "MA",
    };

    /// <summary>Parses the vector and computes its base score (0.0–10.0). False when the vector is not valid CVSS v3.</summary>
    public static bool TryComputeBaseScore(string vector, out double score)
    {
        score = 0;
        if (!TryParse(vector, out var metrics))
        {
            return false;
        }

        var scopeChanged = metrics["S"] == 'C';
        var attackVector = metrics["AV"] switch { 'N' => 0.85, 'A' => 0.62, 'L' => 0.55, _ => 0.2 };
        var attackComplexity = metrics["AC"] == 'L' ? 0.77 : 0.44;
        var privileges = metrics["PR"] switch
        {
            'N' => 0.85,
            'L' => scopeChanged ? 0.68 : 0.62,
            _ => scopeChanged ? 0.5 : 0.27,
        };
        var userInteraction = metrics["UI"] == 'N' ? 0.85 : 0.62;
        var confidentiality = ImpactWeight(metrics["C"]);
        var integrity = ImpactWeight(metrics["I"]);
        var availability = ImpactWeight(metrics["A"]);

        var impactSubScore = 1 - ((1 - confidentiality) * (1 - integrity) * (1 - availability));
        var impact = scopeChanged
            ? (7.52 * (impactSubScore - 0.029)) - (3.25 * Math.Pow(impactSubScore - 0.02, 15))
            : 6.42 * impactSubScore;
        var exploitability = 8.22 * attackVector * attackComplexity * privileges * userInteraction;

        if (impact <= 0)
        {
            score = 0;
        }
        else if (scopeChanged)
        {
            score = Roundup(Math.Min(1.08 * (impact + exploitability), 10));
        }
        else
        {
            score = Roundup(Math.Min(impact + exploitability, 10));
        }

        return true;
    }

    /// <summary>The qualitative rating of a score (CVSS v3.1 section 5).</summary>
    public static SeverityRating Rate(double score) => score switch
    {
        <= 0 => SeverityRating.None,
        < 4.0 => SeverityRating.Low,
        < 7.0 => SeverityRating.Medium,
        < 9.0 => SeverityRating.High,
        _ => SeverityRating.Critical,
    };

    /// <summary>CVSS v3.1 Appendix A: round up to one decimal without floating-point surprises.</summary>
    public static double Roundup(double value)
    {
        var scaled = (long)Math.Round(value * 100000);
        return scaled % 10000 == 0 ? scaled / 100000.0 : (Math.Floor(scaled / 10000.0) + 1) / 10.0;
    }

    private static double ImpactWeight(char value) => value switch { 'H' => 0.56, 'L' => 0.22, _ => 0 };

    private static bool TryParse(string vector, out Dictionary<string, char> metrics)
    {
        metrics = new Dictionary<string, char>(StringComparer.Ordinal);
        var parts = vector.Trim().Split('/');
        if (parts.Length < 9 || parts[0] is not ("CVSS:3.0" or "CVSS:3.1"))
        {
            return false;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < parts.Length; i++)
        {
            var colon = parts[i].IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon != parts[i].Length - 2)
            {
                return false;
            }

            var name = parts[i][..colon];
            var value = parts[i][colon + 1];
            if (!seen.Add(name))
            {
                return false; // a metric given twice
            }

            if (Array.IndexOf(BaseMetrics, name) >= 0)
            {
                if (!IsAllowed(name, value))
                {
                    return false;
                }

                metrics[name] = value;
            }
            else if (!OtherMetrics.Contains(name))
            {
                return false;
            }
        }

        return metrics.Count == BaseMetrics.Length;
    }

    private static bool IsAllowed(string metric, char value) => metric switch
    {
        "AV" => value is 'N' or 'A' or 'L' or 'P',
        "AC" => value is 'L' or 'H',
        "PR" or "C" or "I" or "A" => value is 'N' or 'L' or 'H',
        "UI" => value is 'N' or 'R',
        "S" => value is 'U' or 'C',
        _ => false,
    };
}
