namespace Kingsnake.Posture.Sbom;

/// <summary>Which file names are distribution files a BOM can be made of.</summary>
public static class DistributionArchiveNames
{
    /// <summary>A wheel (<c>.whl</c>) or an sdist (<c>.tar.gz</c>, or the older <c>.zip</c>), by extension.</summary>
    public static bool IsDistributionFileName(string path) =>
        path.EndsWith(".whl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);
}
