namespace Kingsnake.Core.Inventory;

/// <summary>
/// One file a lockfile offers for a package version (an sdist or one wheel): its exact file name and URL when the
/// lock gives them, and its hashes as <c>algorithm:hexdigest</c>. A lock lists every candidate file; which one an
/// installer picks depends on the machine, so these are candidates, not the installed file.
/// </summary>
public sealed record DistributionFile(string? FileName, string? Url, IReadOnlyList<string> Hashes);
