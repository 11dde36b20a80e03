using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Kingsnake.Posture.Scoring;
using Kingsnake.Reporting.Json;
using Kingsnake.Reporting.Sarif;

namespace Kingsnake.Posture.Reports;

/// <summary>
/// The checks that lost points as SARIF 2.1.0, for GitHub code scanning: one rule per check (its risk as GitHub's
/// <c>security-severity</c>: critical 9.0, high 7.0, medium 5.0, low 3.0), one result per check scored below 10 with
/// the reason and next step as its message, located at the evidence that cost points (at most 1,000 places) under
/// <c>%SRCROOT%</c>. Checks at 10 and checks left out give no result; the aggregate is a run property.
/// </summary>
public sealed class ScoreSarifRenderer : IScoreRenderer
{
    public string Format => "sarif";

    public string FileExtension => ".sarif";

    public void Render(PostureReport report, Stream output)
    {
        var failing = report.Score.Scored.Where(c => c.Score < 10).ToList();
        using var json = JsonOutput.CreateWriter(output);
        json.WriteStartObject();
        json.WriteString("$schema", SarifRenderer.SchemaUri);
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "kingsnake-score");
        json.WriteString("version", report.ToolVersion);
        json.WriteString("semanticVersion", report.ToolVersion);
        json.WriteString("informationUri", SarifRenderer.InformationUri);
        json.WriteStartArray("rules");
        foreach (var check in failing)
        {
            json.WriteStartObject();
            json.WriteString("id", check.Name);
            json.WriteString("name", check.Name.Replace("-", "", StringComparison.Ordinal));
            json.WriteStartObject("shortDescription");
            json.WriteString("text", $"{check.Name} (posture check, {check.Risk.Name()} risk)");
            json.WriteEndObject();
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(check.Risk));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("security-severity", SecuritySeverity(check.Risk));
            json.WriteStartArray("tags");
            json.WriteStringValue("security");
            json.WriteStringValue("posture");
            json.WriteStringValue(check.Origin == CheckOrigin.Scorecard ? "scorecard" : "python");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartObject("originalUriBaseIds");
        json.WriteStartObject(SarifRenderer.SourceRootId);
        json.WriteStartObject("description");
        json.WriteString("text", "The root of the scored project.");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartArray("results");
        for (var index = 0; index < failing.Count; index++)
        {
            var check = failing[index];
            json.WriteStartObject();
            json.WriteString("ruleId", check.Name);
            json.WriteNumber("ruleIndex", index);
            json.WriteString("level", Level(check.Risk));
            json.WriteStartObject("message");
            json.WriteString("text", $"{check.Name} scores {check.Score}/10: {check.Reason}." + (check.NextStep is { } next ? $" Next step: {next}" : ""));
            json.WriteEndObject();
            var places = check.Evidence.Where(e => e.Negative && e.Path is not null).Take(SarifRenderer.MaxLocationsPerResult).ToList();
            json.WriteStartArray("locations");
            foreach (var place in places)
            {
                json.WriteStartObject();
                json.WriteStartObject("physicalLocation");
                json.WriteStartObject("artifactLocation");
                json.WriteString("uri", Uri.EscapeDataString(place.Path!).Replace("%2F", "/", StringComparison.Ordinal));
                json.WriteString("uriBaseId", SarifRenderer.SourceRootId);
                json.WriteEndObject();
                if (place.Line > 0)
                {
                    json.WriteStartObject("region");
                    json.WriteNumber("startLine", place.Line);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
                json.WriteStartObject("message");
                json.WriteString("text", place.Description);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("partialFingerprints");
            json.WriteString("kingsnakeCheck/v1", Fingerprint(check.Name, places.FirstOrDefault()?.Path ?? ""));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteNumber("score", check.Score);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("invocations");
        json.WriteStartObject();
        json.WriteBoolean("executionSuccessful", true);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("properties");
        if (report.Score.Aggregate is { } aggregate)
        {
            json.WriteNumber("score", aggregate);
        }

        if (report.Commit is { } commit)
        {
            json.WriteString("commit", commit);
        }

        json.WriteString("timeReference", JsonOutput.Timestamp(report.TimeReference));
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
    }

    private static string Level(CheckRisk risk) => risk switch
    {
        CheckRisk.Critical or CheckRisk.High => "error",
        CheckRisk.Medium => "warning",
        _ => "note",
    };

    private static string SecuritySeverity(CheckRisk risk) => risk switch
    {
        CheckRisk.Critical => "9.0",
        CheckRisk.High => "7.0",
        CheckRisk.Medium => "5.0",
        _ => "3.0",
    };

    private static string Fingerprint(string check, string path) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{check}\n{path}")).AsSpan(0, 16)) + ":" + 1.ToString(CultureInfo.InvariantCulture);
}
