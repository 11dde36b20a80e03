using Kingsnake.Packaging.Metadata;
using Kingsnake.Reporting.Sbom;

namespace Kingsnake.Posture.Sbom;

/// <summary>
/// The one place a distribution's licenses are decided, for every SBOM input (installed environment, wheel, sdist).
/// For now it maps only what the metadata states outright: a PEP 639 <c>License-Expression</c> becomes the declared
/// expression; otherwise a short free-text <c>License:</c> field becomes a declared license <c>name</c>. Trove
/// classifiers and license file texts are passed in but not yet read: an SPDX license library (classifier → id,
/// text → id) plugs in here, and nowhere else.
/// </summary>
public static class BomLicenseResolver
{
    /// <summary>A <c>License:</c> field longer than this is a pasted license text, not a name.</summary>
    public const int MaxLicenseNameLength = 100;

    /// <param name="metadata">The distribution's core metadata.</param>
    /// <param name="licenseFileTexts">The texts of its license files (<c>.dist-info/licenses/…</c>, <c>LICENSE*</c>), in path order.</param>
    public static IReadOnlyList<BomLicense> Resolve(CoreMetadata metadata, IReadOnlyList<string> licenseFileTexts)
    {
        _ = licenseFileTexts; // read by the SPDX license library once it is plugged in

        if (metadata.Get("License-Expression")?.Trim() is { Length: > 0 } expression)
        {
            return [new BomLicense { Expression = expression, Source = "License-Expression" }];
        }

        if (metadata.Get("License")?.Trim() is { Length: > 0 and <= MaxLicenseNameLength } name
            && !name.Contains('\n', StringComparison.Ordinal)
            && !name.Equals("UNKNOWN", StringComparison.OrdinalIgnoreCase))
        {
            return [new BomLicense { Name = name, Source = "License" }];
        }

        return [];
    }
}
