namespace Kingsnake.Dependencies.Requirements;

/// <summary>The parts of a PEP 508 requirement the inventory records.</summary>
public sealed record ParsedRequirement(
    string Name, string NormalizedName, IReadOnlyList<string> Extras, string Specifier, string? Url, string Marker);

/// <summary>
/// Adapter over the PEP 508 parser, so every reader parses requirement strings one way.
/// INTERIM: a minimal split until Kingsnake.Packaging.Requirements lands; then this delegates to it.
/// </summary>
public static class Pep508
{
    public static bool TryParse(string text, out ParsedRequirement requirement, out string error)
    {
        requirement = null!;
        var s = text.Trim();
        var i = 0;
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '.' or '_' or '-'))
        {
            i++;
        }

        if (i == 0)
        {
            error = $"expected a package name at '{s}'";
            return false;
        }

        var name = s[..i];
        var rest = s[i..].TrimStart();
        IReadOnlyList<string> extras = [];
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = "unclosed '['";
                return false;
            }

            extras = rest[1..close].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            rest = rest[(close + 1)..].TrimStart();
        }

        string? url = null;
        var specifier = "";
        var marker = "";
        if (rest.StartsWith('@'))
        {
            rest = rest[1..].TrimStart();
            var semicolon = rest.IndexOf(" ;", StringComparison.Ordinal);
            url = (semicolon >= 0 ? rest[..semicolon] : rest).Trim();
            marker = semicolon >= 0 ? rest[(semicolon + 2)..].Trim() : "";
        }
        else
        {
            var semicolon = rest.IndexOf(';', StringComparison.Ordinal);
            specifier = (semicolon >= 0 ? rest[..semicolon] : rest).Trim().Trim('(', ')').Replace(" ", "", StringComparison.Ordinal);
            marker = semicolon >= 0 ? rest[(semicolon + 1)..].Trim() : "";
        }

        requirement = new ParsedRequirement(name, Kingsnake.Packaging.Names.PackageName.Normalize(name), extras, specifier, url, marker);
        error = "";
        return true;
    }
}
