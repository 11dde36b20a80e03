namespace Kingsnake.Dependencies.Environments;

/// <summary>One distribution found in a site-packages directory, from its <c>.dist-info</c> or <c>.egg-info</c>.</summary>
public sealed record InstalledDistribution(
    string Name,
    string NormalizedName,
    string Version,
    string MetadataPath,
    int VersionLine,
    IReadOnlyList<string> RequiresDist,
    IReadOnlyList<string> ProvidesExtra)
{
    /// <summary>From PEP 610 <c>direct_url.json</c>: where it was installed from, when not from an index.</summary>
    public string? Url { get; init; }

    public bool Editable { get; init; }
}
