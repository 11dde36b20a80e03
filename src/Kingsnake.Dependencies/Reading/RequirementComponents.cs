using Kingsnake.Core.Findings;
using Kingsnake.Core.Inventory;
using Kingsnake.Dependencies.Requirements;

namespace Kingsnake.Dependencies.Reading;

/// <summary>Turns PEP 508 requirement strings (from pyproject.toml, scripts, lockfiles) into components.</summary>
public static class RequirementComponents
{
    /// <summary>
    /// Parses <paramref name="text"/> and builds a component at <paramref name="location"/>; a malformed requirement
    /// becomes an error in <paramref name="collector"/> and null.
    /// </summary>
    public static Component? FromPep508(
        DependencyCollector collector, string text, SourceSpan location, ComponentSource source, string group = "", bool direct = true)
    {
        if (!Pep508.TryParse(text, out var requirement, out var error))
        {
            collector.Error(location, $"invalid requirement '{text}': {error}");
            return null;
        }

        string? version = null;
        if (requirement.Url is null)
        {
            version = Pins.ExactVersion(requirement.Specifier);
        }
        else if (DirectReference.TryParseArchiveName(requirement.Url, out var archiveName, out var archiveVersion)
            && Packaging.Names.PackageName.Normalize(archiveName) == requirement.NormalizedName)
        {
            version = archiveVersion;
        }

        return new Component
        {
            Name = requirement.Name,
            NormalizedName = requirement.NormalizedName,
            Version = version,
            Specifier = requirement.Specifier,
            Location = location,
            Source = source,
            Direct = direct,
            Extras = requirement.Extras,
            Marker = requirement.Marker,
            Url = requirement.Url,
            Group = group,
        };
    }
}
