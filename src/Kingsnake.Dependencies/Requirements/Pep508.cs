using Kingsnake.Packaging.Requirements;

namespace Kingsnake.Dependencies.Requirements;

/// <summary>The parts of a PEP 508 requirement the inventory records, plus the parsed requirement itself.</summary>
public sealed record ParsedRequirement(
    string Name, string NormalizedName, IReadOnlyList<string> Extras, string Specifier, string? Url, string Marker, Requirement Requirement);

/// <summary>Adapter over Kingsnake.Packaging's PEP 508 parser, so every reader turns requirement strings into the same fields.</summary>
public static class Pep508
{
    public static bool TryParse(string text, out ParsedRequirement requirement, out string error)
    {
        if (!Requirement.TryParse(text, out var parsed, out error))
        {
            requirement = null!;
            return false;
        }

        // Clauses in the order written (packaging's printed form sorts them).
        var specifier = string.Join(',', parsed.Specifier.Specifiers.Select(s => s.ToString()));
        requirement = new ParsedRequirement(
            parsed.Name, parsed.NormalizedName, parsed.RawExtras, specifier, parsed.Url, parsed.Marker?.ToString() ?? "", parsed);
        return true;
    }
}
