using Kingsnake.Packaging.Licenses;
using Kingsnake.Packaging.Metadata;
using Kingsnake.Reporting.Sbom;

namespace Kingsnake.Posture.Sbom;

/// <summary>
/// The one place a distribution's licenses are decided, for every SBOM input (installed environment, wheel, sdist):
/// <see cref="LicenseResolver"/>'s order — a PEP 639 <c>License-Expression</c> (declared), a <c>License</c> field that
/// is itself an SPDX id or expression (declared), unambiguous trove classifiers mapped to SPDX ids (concluded), a
/// license file's text recognised (concluded), else a short free-text <c>License</c> as a name. Ids and expressions
/// are those of the SPDX list CycloneDX bundles, so every BOM validates.
/// </summary>
public static class BomLicenseResolver
{
    /// <param name="metadata">The distribution's core metadata.</param>
    /// <param name="licenseFileTexts">The texts of its license files (<c>.dist-info/licenses/…</c>, <c>LICENSE*</c>), in path order.</param>
    public static IReadOnlyList<BomLicense> Resolve(CoreMetadata metadata, IReadOnlyList<string> licenseFileTexts) =>
        [.. LicenseResolver.Resolve(metadata, licenseFileTexts).Select(resolution => new BomLicense
        {
            Expression = resolution.Expression,
            Id = resolution.Id,
            Name = resolution.Name,
            Concluded = resolution.Concluded,
            Source = resolution.Source,
        })];
}
