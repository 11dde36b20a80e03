using Kingsnake.Reporting.Sbom;

namespace Kingsnake.Posture.Sbom;

/// <summary>
/// What one SBOM file a wheel ships (PEP 770, <c>.dist-info/sboms/</c>) contributes to the wheel's component: the
/// parts it lists, nested under the wheel with refs that cannot clash with any other source
/// (<c>&lt;wheelRef&gt;/sbom/&lt;file&gt;#&lt;original ref&gt;</c>), the edges among them, and a <c>bom</c> reference to the file
/// itself. The file is never rewritten: the reference carries its path and SHA-256 so the original stays checkable.
/// </summary>
public sealed record ShippedSbom
{
    /// <summary>
    /// The <c>bom</c> external reference for the wheel's component: <c>Url</c> = the file's path inside the wheel,
    /// its SHA-256, and the format as the comment (<c>CycloneDX 1.5</c>, <c>SPDX-2.3</c>, <c>unknown format</c>).
    /// Present even when the file could not be read: the wheel ships it either way.
    /// </summary>
    public required BomExternalReference Reference { get; init; }

    /// <summary>The format and version read (<c>CycloneDX 1.5</c>, <c>SPDX-2.3</c>); null when not recognised.</summary>
    public string? Format { get; init; }

    /// <summary>Why the file gave nothing (too large, not JSON, not CycloneDX or SPDX 2); null when it was read.</summary>
    public string? Error { get; init; }

    /// <summary>
    /// The document's primary component (CycloneDX <c>metadata.component</c>, the package an SPDX document
    /// <c>DESCRIBES</c>), with <see cref="BomComponent.Ref"/> set to the wheel's ref: it is the wheel (or a part the
    /// tool took for it), for the caller to merge into its own component (hashes, licenses, purl as it judges).
    /// Null when the document names none.
    /// </summary>
    public BomComponent? Primary { get; init; }

    /// <summary>The other components, to nest under the wheel's component; their own nested parts stay nested.</summary>
    public IReadOnlyList<BomComponent> Components { get; init; } = [];

    /// <summary>
    /// The document's edges with rewritten refs: the primary's edges under the wheel's ref, one entry for every
    /// component in <see cref="Components"/> (empty for a leaf). Edges to refs the document does not define are dropped.
    /// </summary>
    public IReadOnlyList<BomDependency> Dependencies { get; init; } = [];

    /// <summary>Things skipped while reading (a component without a name, an edge to an unknown ref), for a note.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
