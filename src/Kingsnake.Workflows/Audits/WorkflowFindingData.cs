using System.Text.Json;
using Kingsnake.Core.Findings;

namespace Kingsnake.Workflows.Audits;

/// <summary>The facts of a workflow finding: the persona at which it is shown (zizmor's regular, pedantic, auditor).</summary>
public sealed record WorkflowFindingData(Persona Persona) : FindingData
{
    public override void WriteProperties(Utf8JsonWriter writer) =>
        writer.WriteString("persona", Persona.ToString().ToLowerInvariant());
}
