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

    /// <summary>The advisory's one-line summary (or, for several advisories, how many and the worst one's).</summary>
    public string Summary { get; init; } = "";

    /// <summary>
    /// Every advisory of the finding on its own (ids, aliases, summary, severity, its own fix), in the order the
    /// finding lists them. One finding covers one package at one place; this keeps what each advisory says.
    /// </summary>
    public IReadOnlyList<DependencyAdvisory> Vulnerabilities { get; init; } = [];

    /// <summary>
    /// The command that makes the upgrade when the file is not Kingsnake's to edit: a lockfile
    /// (<c>uv lock --upgrade-package django</c>) or a requirements file with hashes, which only its compiler can
    /// write. Null when the fix is a text edit or no safe release is known.
    /// </summary>
    public string? Command { get; init; }

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
        if (Command is not null)
        {
            writer.WriteString("remedy-command", Command);
        }

        writer.WriteString("summary", Summary);
        writer.WriteBoolean("unpinned", Unpinned);
        writer.WriteString("version", Version);
        if (Vulnerabilities.Count > 0)
        {
            writer.WriteStartArray("vulnerabilities");
            foreach (var vulnerability in Vulnerabilities)
            {
                writer.WriteStartObject();
                vulnerability.WriteProperties(writer);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }
    }

    internal static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}

/// <summary>One advisory (one flaw, its records merged through their aliases) of a dependency finding.</summary>
public sealed record DependencyAdvisory
{
    /// <summary>The id shown for the flaw (PYSEC first, then GHSA).</summary>
    public required string Id { get; init; }

    /// <summary>Its other ids (other records' ids and aliases: CVE, GHSA...).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    public string Summary { get; init; } = "";

    /// <summary>
    /// True when the summary describes the package rather than the flaw ("Flask is a lightweight WSGI web
    /// application framework."): the record's text says nothing of what is wrong, and the reader should follow the id.
    /// </summary>
    public bool SummaryDescribesPackage { get; init; }

    /// <summary>The advisory's grade (critical, high, medium, low), or null when the record has none.</summary>
    public Severity? Severity { get; init; }

    /// <summary>The CVSS base score (0–10), when the advisory has one.</summary>
    public double? CvssScore { get; init; }

    /// <summary>The lowest release that leaves this advisory alone (the finding's <c>fixed-in</c> clears them all).</summary>
    public string? FixedIn { get; init; }

    /// <summary>Writes the advisory as properties of the open JSON object: kebab-case keys in ordinal order.</summary>
    public void WriteProperties(Utf8JsonWriter writer)
    {
        DependencyFindingData.WriteStrings(writer, "aliases", Aliases);
        if (CvssScore is { } score && double.IsFinite(score))
        {
            writer.WriteNumber("cvss-score", score);
        }

        if (FixedIn is not null)
        {
            writer.WriteString("fixed-in", FixedIn);
        }

        writer.WriteString("id", Id);
        if (Severity is { } severity)
        {
            writer.WriteString("severity", severity.ToName());
        }

        writer.WriteString("summary", Summary);
        if (SummaryDescribesPackage)
        {
            writer.WriteBoolean("summary-describes-package", true);
        }
    }
}
