using System.Text.Json;

namespace Kingsnake.Core.Findings;

/// <summary>
/// The structured facts of a finding, one record type per area (<see cref="DependencyFindingData"/>,
/// <see cref="CodeFindingData"/>, the workflow audit's own). Renderers that present a fact read it from the typed
/// record; renderers that carry the facts as data call <see cref="WriteProperties"/>, so the JSON report's
/// <c>properties</c> and SARIF's result property bag have the same keys and values.
/// </summary>
public abstract record FindingData
{
    /// <summary>
    /// Writes the facts as properties of the JSON object <paramref name="writer"/> has open: kebab-case keys in
    /// ordinal order (so the output does not depend on how a record declares its fields), absent facts left out.
    /// </summary>
    public abstract void WriteProperties(Utf8JsonWriter writer);
}
