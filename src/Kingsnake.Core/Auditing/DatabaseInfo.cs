using System.Text.Json;

namespace Kingsnake.Core.Auditing;

/// <summary>
/// What a run knows about a database an area consulted (the advisory database, the action data snapshot), typed by
/// the area that opened it. The JSON report's <c>database</c> object and SARIF's run properties are written by the
/// one <see cref="WriteProperties"/>.
/// </summary>
public abstract record DatabaseInfo
{
    /// <summary>
    /// Writes the facts as properties of the JSON object <paramref name="writer"/> has open: kebab-case keys in
    /// ordinal order, string values (the report's schema has <c>database</c> as an object of strings).
    /// </summary>
    public abstract void WriteProperties(Utf8JsonWriter writer);
}
