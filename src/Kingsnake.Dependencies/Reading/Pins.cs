namespace Kingsnake.Dependencies.Reading;

/// <summary>When a specifier fixes one exact version.</summary>
public static class Pins
{
    /// <summary>
    /// The version of a specifier that is exactly one <c>==X</c> clause without a wildcard, or one <c>===X</c> clause;
    /// null for anything else (ranges, several clauses, <c>==1.*</c>), which the auditor reports as unpinned.
    /// </summary>
    public static string? ExactVersion(string? specifier)
    {
        if (string.IsNullOrWhiteSpace(specifier))
        {
            return null;
        }

        var text = specifier.Trim();
        if (text.Contains(',', StringComparison.Ordinal))
        {
            return null;
        }

        if (text.StartsWith("===", StringComparison.Ordinal))
        {
            var arbitrary = text[3..].Trim();
            return arbitrary.Length > 0 ? arbitrary : null;
        }

        if (text.StartsWith("==", StringComparison.Ordinal))
        {
            var version = text[2..].Trim();
            return version.Length > 0 && !version.Contains('*', StringComparison.Ordinal) ? version : null;
        }

        return null;
    }
}
