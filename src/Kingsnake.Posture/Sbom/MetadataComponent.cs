using Kingsnake.Packaging.Metadata;
using Kingsnake.Reporting.Sbom;

namespace Kingsnake.Posture.Sbom;

/// <summary>
/// What core metadata says about a distribution, as a BOM component: name, version, <c>Summary</c> as description,
/// authors and supplier (<see cref="MetadataParties"/>), links (<see cref="ProjectUrlReferences"/>) and licenses
/// (<see cref="BomLicenseResolver"/>). Callers add what the metadata cannot know: the ref, purl, hashes, file name.
/// </summary>
public static class MetadataComponent
{
    public static BomComponent Create(CoreMetadata metadata, IReadOnlyList<string> licenseFileTexts, string @ref, string? purl) => new()
    {
        Ref = @ref,
        Name = metadata.Name ?? "",
        Version = metadata.Version,
        Purl = purl,
        Description = metadata.Get("Summary")?.Trim() is { Length: > 0 } summary && !summary.Equals("UNKNOWN", StringComparison.Ordinal) ? summary : null,
        Authors = MetadataParties.Authors(metadata),
        Supplier = MetadataParties.Supplier(metadata),
        ExternalReferences = ProjectUrlReferences.From(metadata),
        Licenses = BomLicenseResolver.Resolve(metadata, licenseFileTexts),
    };
}
