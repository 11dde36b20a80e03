namespace Kingsnake.Packaging.Licenses;

/// <summary>
/// One license fact about a distribution, shaped like a CycloneDX license entry: exactly one of an SPDX
/// <see cref="Expression"/> (then it is the only entry), an SPDX license <see cref="Id"/>, or a free-text
/// <see cref="Name"/>; where it came from; and whether the package declared it or Kingsnake concluded it.
/// </summary>
public sealed record LicenseResolution
{
    /// <summary>The metadata field PEP 639 defines.</summary>
    public const string FromLicenseExpression = "License-Expression";

    /// <summary>The older free-text <c>License</c> metadata field.</summary>
    public const string FromLicenseField = "License";

    /// <summary>A <c>License ::</c> trove classifier.</summary>
    public const string FromClassifier = "classifier";

    /// <summary>The text of a license file the distribution ships.</summary>
    public const string FromLicenseFile = "license file";

    /// <summary>A valid SPDX expression in canonical form (<see cref="SpdxExpression.TryNormalize"/>).</summary>
    public string? Expression { get; init; }

    /// <summary>An SPDX license id in the list's casing.</summary>
    public string? Id { get; init; }

    /// <summary>A license named in words that are not an SPDX id or expression, as the package wrote it.</summary>
    public string? Name { get; init; }

    /// <summary>One of <see cref="FromLicenseExpression"/>, <see cref="FromLicenseField"/>, <see cref="FromClassifier"/>, <see cref="FromLicenseFile"/>.</summary>
    public required string Source { get; init; }

    /// <summary>
    /// True when Kingsnake inferred the id (a classifier mapped to an SPDX id, a license text recognised); false when
    /// the package stated it in these words (CycloneDX <c>acknowledgement</c> <c>concluded</c> versus <c>declared</c>).
    /// </summary>
    public bool Concluded { get; init; }
}
