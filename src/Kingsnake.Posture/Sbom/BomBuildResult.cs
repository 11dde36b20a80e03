using Kingsnake.Core.Findings;
using Kingsnake.Reporting.Sbom;

namespace Kingsnake.Posture.Sbom;

/// <summary>A built BOM and what went wrong with single input files on the way (a bad file is an error, not a failure).</summary>
public sealed record BomBuildResult(BomDocument Document, IReadOnlyList<InputError> Errors, IReadOnlyList<InputNote> Notes);
