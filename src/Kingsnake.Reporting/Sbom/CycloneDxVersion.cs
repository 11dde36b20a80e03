namespace Kingsnake.Reporting.Sbom;

/// <summary>The CycloneDX specification versions <see cref="CycloneDxWriter"/> writes.</summary>
public enum CycloneDxVersion
{
    V1_6,
    V1_7,
}
