namespace Kingsnake.Reporting.Sbom;

/// <summary>
/// A software bill of materials before it is written: what was inventoried, the graph between the parts, and what
/// made it. One model serves every format (<see cref="CycloneDxWriter"/>, <see cref="SpdxWriter"/>); a writer adds
/// nothing that is not here, so the same document gives the same bytes.
/// </summary>
public sealed record BomDocument
{
    /// <summary>The BOM's identity: <c>urn:uuid:…</c> in CycloneDX, part of the SPDX document namespace.</summary>
    public required Guid SerialNumber { get; init; }

    /// <summary>CycloneDX <c>version</c>: 1 for a first BOM of the subject.</summary>
    public int Version { get; init; } = 1;

    /// <summary>When the BOM was made (CycloneDX <c>metadata.timestamp</c>, SPDX <c>creationInfo.created</c>), in UTC, to the second.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    public required string ToolName { get; init; }

    public required string ToolVersion { get; init; }

    /// <summary>The subject: the project, environment or distribution described (CycloneDX <c>metadata.component</c>).</summary>
    public required BomComponent Root { get; init; }

    public BomLifecycle Lifecycle { get; init; } = BomLifecycle.PreBuild;

    /// <summary>Every part, without the root; nested parts (a wheel's bundled libraries) are under their parent.</summary>
    public IReadOnlyList<BomComponent> Components { get; init; } = [];

    /// <summary>
    /// The graph: one entry for the root (its direct dependencies) and one for every component (its own, empty for a
    /// leaf). Refs are <see cref="BomComponent.Ref"/>s.
    /// </summary>
    public IReadOnlyList<BomDependency> Dependencies { get; init; } = [];

    /// <summary>Whether the component list is all there is (a resolved lock or an installed environment) or not.</summary>
    public BomCompleteness Completeness { get; init; } = BomCompleteness.Unknown;

    /// <summary>Known vulnerabilities of the components (<c>--with-vulnerabilities</c>); CycloneDX only.</summary>
    public IReadOnlyList<BomVulnerability> Vulnerabilities { get; init; } = [];
}

/// <summary>CycloneDX <c>metadata.lifecycles[].phase</c>: a lock is read before the build, a wheel after it, an environment in operation.</summary>
public enum BomLifecycle
{
    Design,
    PreBuild,
    Build,
    PostBuild,
    Operations,
}

/// <summary>CycloneDX <c>compositions[].aggregate</c>.</summary>
public enum BomCompleteness
{
    Complete,
    Incomplete,
    Unknown,
}

/// <summary>CycloneDX <c>scope</c>: needed at run time, installed only on request (an extra), or never at run time (dev and test groups).</summary>
public enum BomScope
{
    Required,
    Optional,
    Excluded,
}

/// <summary>One part of the subject.</summary>
public sealed record BomComponent
{
    /// <summary>Unique within the document; never <c>urn:cdx:…</c>.</summary>
    public required string Ref { get; init; }

    /// <summary>CycloneDX component type: <c>library</c>, <c>application</c>, <c>file</c>, <c>operating-system</c>…</summary>
    public string Type { get; init; } = "library";

    public required string Name { get; init; }

    /// <summary>The exact version; null when the input does not fix one (then <see cref="VersionSpecifier"/> says what it allows).</summary>
    public string? Version { get; init; }

    /// <summary>What an unresolved requirement allows (<c>&gt;=2,&lt;3</c>); empty when <see cref="Version"/> is known or nothing is said.</summary>
    public string VersionSpecifier { get; init; } = "";

    /// <summary>The package URL (<c>pkg:pypi/name@version</c>, or a distro purl from a shipped SBOM), canonical form.</summary>
    public string? Purl { get; init; }

    public BomScope Scope { get; init; } = BomScope.Required;

    public string? Description { get; init; }

    /// <summary>Hashes of the one file this component is (the installed or selected distribution), not of every candidate file.</summary>
    public IReadOnlyList<BomHash> Hashes { get; init; } = [];

    /// <summary>One SPDX expression, or license ids and names; empty when nothing is known.</summary>
    public IReadOnlyList<BomLicense> Licenses { get; init; } = [];

    /// <summary>Who distributes it (the project's maintainer or author, as metadata names them).</summary>
    public BomParty? Supplier { get; init; }

    /// <summary>Who wrote it (metadata <c>Author</c>/<c>Author-email</c>).</summary>
    public IReadOnlyList<BomParty> Authors { get; init; } = [];

    /// <summary>The exact file name of the distribution (SPDX <c>packageFileName</c>, purl <c>file_name</c>).</summary>
    public string? FileName { get; init; }

    /// <summary>Links: candidate distribution files with their hashes, the project's home and repository, a shipped SBOM.</summary>
    public IReadOnlyList<BomExternalReference> ExternalReferences { get; init; } = [];

    /// <summary>Name–value facts with no field of their own (<c>kingsnake:group</c>, <c>kingsnake:source</c>), in order.</summary>
    public IReadOnlyList<BomProperty> Properties { get; init; } = [];

    /// <summary>Parts inside this one (the native libraries a wheel bundles, from its PEP 770 SBOM).</summary>
    public IReadOnlyList<BomComponent> Components { get; init; } = [];

    /// <summary>
    /// The PEP 770 SBOM documents the distribution ships (<c>.dist-info/sboms/*</c>): where to read each (a full path
    /// for an installed distribution, an archive member name for a wheel), for whatever merges them. Writers do not
    /// write this list; each document also appears as a <c>bom</c> external reference with its SHA-256.
    /// </summary>
    public IReadOnlyList<string> ShippedSbomFiles { get; init; } = [];
}

/// <summary>A hash: CycloneDX algorithm name (<c>SHA-256</c>, <c>SHA-512</c>, <c>MD5</c>, <c>BLAKE2b-256</c>…) and lowercase hex.</summary>
public sealed record BomHash(string Algorithm, string Hex);

/// <summary>
/// A license: exactly one of an SPDX <see cref="Expression"/>, an SPDX license <see cref="Id"/>, or a free-text
/// <see cref="Name"/>. <see cref="Concluded"/> is false when the package declared it (metadata), true when Kingsnake
/// concluded it (a classifier mapped, a license text matched).
/// </summary>
public sealed record BomLicense
{
    public string? Expression { get; init; }

    public string? Id { get; init; }

    public string? Name { get; init; }

    public bool Concluded { get; init; }

    /// <summary>Where the license came from (<c>License-Expression</c>, <c>classifier</c>, <c>LICENSE file</c>), for a property or comment.</summary>
    public string? Source { get; init; }
}

/// <summary>A person or organisation: name and/or e-mail.</summary>
public sealed record BomParty(string? Name, string? Email);

/// <summary>CycloneDX external reference (<c>distribution</c>, <c>vcs</c>, <c>website</c>, <c>bom</c>, <c>documentation</c>, <c>issue-tracker</c>…).</summary>
public sealed record BomExternalReference(string Type, string Url)
{
    public IReadOnlyList<BomHash> Hashes { get; init; } = [];

    public string? Comment { get; init; }
}

public sealed record BomProperty(string Name, string Value);

/// <summary>One node of the graph and the refs it depends on (empty for a leaf), unique and in a stable order.</summary>
public sealed record BomDependency(string Ref, IReadOnlyList<string> DependsOn);

/// <summary>A known vulnerability of one or more components (CycloneDX <c>vulnerabilities[]</c>).</summary>
public sealed record BomVulnerability
{
    /// <summary>The advisory id (<c>PYSEC-2021-66</c>, <c>GHSA-…</c>).</summary>
    public required string Id { get; init; }

    public string SourceName { get; init; } = "OSV";

    public string? SourceUrl { get; init; }

    /// <summary>Other ids of the same vulnerability (CVE, GHSA).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    public IReadOnlyList<BomRating> Ratings { get; init; } = [];

    public IReadOnlyList<int> Cwes { get; init; } = [];

    public string? Description { get; init; }

    public string? Recommendation { get; init; }

    public DateTimeOffset? Published { get; init; }

    public DateTimeOffset? Updated { get; init; }

    public IReadOnlyList<BomAffect> Affects { get; init; } = [];

    /// <summary>VEX: what the project says about it (an accepted advisory in its configuration); null when nothing.</summary>
    public BomAnalysis? Analysis { get; init; }
}

/// <summary>A rating: <c>severity</c> ∈ critical, high, medium, low, info, none, unknown; <c>method</c> ∈ CVSSv2, CVSSv3, CVSSv31, CVSSv4, other.</summary>
public sealed record BomRating(string Severity, double? Score = null, string? Method = null, string? Vector = null);

/// <summary>A component the vulnerability affects, the version it has, and the fixed versions when known.</summary>
public sealed record BomAffect(string Ref, string Version)
{
    public IReadOnlyList<string> FixedVersions { get; init; } = [];
}

/// <summary>
/// VEX analysis: <c>state</c> ∈ resolved, resolved_with_pedigree, exploitable, in_triage, false_positive,
/// not_affected; <c>justification</c> and <c>responses</c> from CycloneDX's enums.
/// </summary>
public sealed record BomAnalysis(string State)
{
    public string? Justification { get; init; }

    public IReadOnlyList<string> Responses { get; init; } = [];

    public string? Detail { get; init; }
}
