using System.Text.Json;
using Kingsnake.Posture.Scoring;
using Kingsnake.Reporting.Json;

namespace Kingsnake.Posture.Reports;

/// <summary>
/// The score as JSON, in the shape <c>docs/schema/score-v1.json</c> documents (<c>version</c> 1): the subject,
/// the time reference, the aggregate, every check with its evidence, and the checks left out with why. Keys always
/// appear in the same order and absent values are <c>null</c>, so the same report gives the same bytes.
/// </summary>
public sealed class ScoreJsonRenderer : IScoreRenderer
{
    /// <summary>The <c>$id</c> of <c>docs/schema/score-v1.json</c>, written as the report's <c>schema</c>.</summary>
    public const string SchemaId = "https://kingsnake.dev/schema/score/1.json";

    public string Format => "json";

    public string FileExtension => ".json";

    public void Render(PostureReport report, Stream output)
    {
        using var json = JsonOutput.CreateWriter(output);
        json.WriteStartObject();
        json.WriteString("schema", SchemaId);
        json.WriteNumber("version", PostureReport.SchemaVersion);
        json.WriteStartObject("tool");
        json.WriteString("name", "kingsnake");
        json.WriteString("version", report.ToolVersion);
        json.WriteEndObject();
        json.WriteStartObject("project");
        json.WriteString("name", report.ProjectName);
        WriteOptional(json, "commit", report.Commit);
        WriteOptional(json, "branch", report.Branch);
        WriteOptional(json, "remote", report.Remote);
        json.WriteEndObject();
        json.WriteStartObject("timeReference");
        json.WriteString("time", JsonOutput.Timestamp(report.TimeReference));
        json.WriteString("source", report.TimeReferenceSource);
        json.WriteEndObject();
        json.WriteBoolean("advisoryDatabase", report.AdvisoryDatabase);
        if (report.Score.Aggregate is { } aggregate)
        {
            json.WriteNumber("score", aggregate);
        }
        else
        {
            json.WriteNull("score");
        }

        json.WriteStartArray("checks");
        foreach (var check in report.Score.Checks)
        {
            json.WriteStartObject();
            json.WriteString("name", check.Name);
            json.WriteString("origin", check.Origin == CheckOrigin.Scorecard ? "scorecard" : "python");
            json.WriteString("risk", check.Risk.Name());
            json.WriteNumber("weight", check.Risk.Weight());
            json.WriteString("status", StatusName(check.Status));
            json.WriteNumber("score", check.Score);
            json.WriteString("reason", check.Reason);
            WriteOptional(json, "nextStep", check.NextStep);
            json.WriteStartArray("evidence");
            foreach (var evidence in check.Evidence)
            {
                json.WriteStartObject();
                json.WriteString("description", evidence.Description);
                WriteOptional(json, "path", evidence.Path);
                json.WriteNumber("line", evidence.Line);
                WriteOptional(json, "commit", evidence.Commit);
                json.WriteBoolean("negative", evidence.Negative);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
    }

    /// <summary>The status as reports name it: <c>scored</c>, <c>not-applicable</c>, <c>not-computed</c>, <c>error</c>.</summary>
    public static string StatusName(CheckStatus status) => status switch
    {
        CheckStatus.Scored => "scored",
        CheckStatus.NotApplicable => "not-applicable",
        CheckStatus.NotComputed => "not-computed",
        _ => "error",
    };

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
