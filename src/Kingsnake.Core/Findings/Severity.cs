namespace Kingsnake.Core.Findings;

/// <summary>How bad a finding is. Ordered: a higher value is more severe.</summary>
public enum Severity
{
    Info = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}

/// <summary>How sure the rule is that the finding is real. Ordered: a higher value is more certain.</summary>
public enum Confidence
{
    Low = 0,
    Medium = 1,
    High = 2,
}

public static class SeverityNames
{
    public static string ToName(this Severity severity) => severity switch
    {
        Severity.Info => "info",
        Severity.Low => "low",
        Severity.Medium => "medium",
        Severity.High => "high",
        Severity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity)),
    };

    public static string ToName(this Confidence confidence) => confidence switch
    {
        Confidence.Low => "low",
        Confidence.Medium => "medium",
        Confidence.High => "high",
        _ => throw new ArgumentOutOfRangeException(nameof(confidence)),
    };

    public static bool TryParseSeverity(string? text, out Severity severity)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "info" or "informational" or "none": severity = Severity.Info; return true;
            case "low": severity = Severity.Low; return true;
            case "medium" or "moderate": severity = Severity.Medium; return true;
            case "high": severity = Severity.High; return true;
            case "critical": severity = Severity.Critical; return true;
            default: severity = default; return false;
        }
    }

    public static bool TryParseConfidence(string? text, out Confidence confidence)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "low": confidence = Confidence.Low; return true;
            case "medium": confidence = Confidence.Medium; return true;
            case "high": confidence = Confidence.High; return true;
            default: confidence = default; return false;
        }
    }
}
