using System.Text.Json;
using Kingsnake.Core.Inventory;

namespace Kingsnake.Core.Findings;

/// <summary>
/// The facts of a dependency finding: which package at which version, the advisories that affect it, the release
/// that fixes them, and how the package came in. Written under the keys docs/json-report.md documents.
/// </summary>
public sealed record DependencyFindingData : FindingData
{
    /// <summary>The package's normalized (PEP 503) name.</summary>
    public required string Package { get; init; }

    /// <summary>The version found, or for an unpinned requirement its specifier (empty when it allows any version).</summary>
    public required string Version { get; init; }

    /// <summary>The ids of the advisory records (PYSEC, GHSA...).</summary>
    public required IReadOnlyList<string> Advisories { get; init; }

    /// <summary>The other ids of the same advisories (CVE...).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>True when the input allows a range of versions rather than fixing one.</summary>
    public bool Unpinned { get; init; }

    /// <summary>The smallest version that fixes every advisory; null when no release does.</summary>
    public string? FixedIn { get; init; }

    /// <summary>The advisory's one-line summary (or, for a range, how many advisories it reaches).</summary>
    public string Summary { get; init; } = "";

    /// <summary>The CVSS base score (0–10), when the advisory has one.</summary>
    public double? CvssScore { get; init; }

    /// <summary>
    /// For a transitive dependency, the chain from a direct dependency down to the package; null for a direct one.
    /// Written bounded (<see cref="IntroductionPath.Shown"/>), with the whole chain's depth when names are left out.
    /// </summary>
    public IntroductionPath? IntroducedBy { get; init; }

    public override void WriteProperties(Utf8JsonWriter writer)
    {
        WriteStrings(writer, "advisories", Advisories);
        WriteStrings(writer, "aliases", Aliases);
        // JSON has no NaN or infinity: a score that is not a number is left out rather than failing the report.
        if (CvssScore is { } score && double.IsFinite(score))
        {
            writer.WriteNumber("cvss-score", score);
        }

        if (FixedIn is not null)
        {
            writer.WriteString("fixed-in", FixedIn);
        }

        if (IntroducedBy is { } path)
        {
            WriteStrings(writer, "introduced-by", path.Shown());
            if (path.IsElided)
            {
                writer.WriteNumber("introduced-depth", path.Count);
            }
        }

        writer.WriteString("package", Package);
        writer.WriteString("summary", Summary);
        writer.WriteBoolean("unpinned", Unpinned);
        writer.WriteString("version", Version);
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
