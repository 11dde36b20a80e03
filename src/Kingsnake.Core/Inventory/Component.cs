using Kingsnake.Core.Findings;

namespace Kingsnake.Core.Inventory;

/// <summary>Where a dependency was declared or found.</summary>
public enum ComponentSource
{
    Requirements,
    PyProject,
    Lockfile,
    Script,
    Environment,
}

/// <summary>
/// One Python package a project depends on, as one input declares it. <see cref="Version"/> is set when the
/// input fixes one version (a lockfile, an installed environment, an <c>==</c> pin); otherwise
/// <see cref="Specifier"/> says which versions the input allows.
/// </summary>
public sealed record Component
{
    /// <summary>The name as written.</summary>
    public required string Name { get; init; }

    /// <summary>The PEP 503 normalized name.</summary>
    public required string NormalizedName { get; init; }

    /// <summary>The exact version, when the input fixes one.</summary>
    public string? Version { get; init; }

    /// <summary>The version specifier as written (e.g. <c>&gt;=2,&lt;3</c>), empty when none.</summary>
    public string Specifier { get; init; } = "";

    public required SourceSpan Location { get; init; }

    public required ComponentSource Source { get; init; }

    /// <summary>Declared directly by the project (true) or pulled in by another package (false).</summary>
    public bool Direct { get; init; } = true;

    public IReadOnlyList<string> Extras { get; init; } = [];

    /// <summary>The PEP 508 environment marker as written, empty when none.</summary>
    public string Marker { get; init; } = "";

    /// <summary>Hashes as <c>algorithm:hexdigest</c>.</summary>
    public IReadOnlyList<string> Hashes { get; init; } = [];

    /// <summary>
    /// The candidate distribution files a lockfile records for this version, each with its own hashes (empty when the
    /// input does not list files). <see cref="Hashes"/> is the union of their hashes.
    /// </summary>
    public IReadOnlyList<DistributionFile> Files { get; init; } = [];

    /// <summary>
    /// The normalized names of the packages of the same input that this one depends on (the lock's or environment's
    /// graph edges), unique, in the input's order; empty for a leaf or when the input records no edges.
    /// </summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>A direct URL or local path, when the requirement names one instead of an index version.</summary>
    public string? Url { get; init; }

    /// <summary>Editable install (<c>-e</c>).</summary>
    public bool Editable { get; init; }

    /// <summary>The dependency group, extra or lockfile category it belongs to (e.g. <c>dev</c>), empty for the main set.</summary>
    public string Group { get; init; } = "";

    /// <summary>
    /// For a transitive package: the chain of normalized names from a direct dependency down to this one, linked to
    /// its parent's (see <see cref="IntroductionPath"/>); empty for a direct dependency.
    /// </summary>
    public IntroductionPath IntroducedBy { get; init; } = IntroductionPath.Empty;
}
