using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kingsnake.Core.Findings;
using Kingsnake.Workflows.Audits;
using Kingsnake.Workflows.Tests.Support;

namespace Kingsnake.Workflows.Tests.Audits;

/// <summary>
/// The facts of real workflow findings as the JSON report and SARIF carry them: the persona at which the finding is
/// shown, under the key "persona", spelled as the configuration spells it.
/// </summary>
public sealed class WorkflowFindingDataTests
{
    private const string Yaml = """
        on: issues
        jobs:
          triage:
            runs-on: ubuntu-latest
            steps:
              - run: echo "${{ github.event.issue.title }}"
              - run: echo "${{ github.sha }}"
        """;

    [Fact]
    public void Findings_write_the_persona_that_shows_them()
    {
        var findings = Run.Workflow(Yaml, "template-injection", Persona.Pedantic).OrderBy(f => f.Location.StartLine).ToList();
        Assert.Equal(2, findings.Count);
        Assert.Equal([Persona.Regular, Persona.Pedantic], findings.Select(f => Assert.IsType<WorkflowFindingData>(f.Data).Persona));
        Assert.Equal(["regular", "pedantic"], findings.Select(f => Written(f.Data!)["persona"]!.GetValue<string>()));
        Assert.All(findings, f => Assert.Equal(["persona"], Written(f.Data!).Select(p => p.Key)));
    }

    private static JsonObject Written(FindingData data)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            data.WriteProperties(writer);
            writer.WriteEndObject();
        }

        return JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
    }
}
