using System.Text.Json;
using Kingsnake.Core.Auditing;

namespace Kingsnake.Reporting.Tests;

/// <summary>
/// A database as an area other than the ones shipped might describe it: the renderers write whatever keys the
/// area's record writes, without knowing its type.
/// </summary>
internal sealed record SampleDatabaseInfo(string Name, string ContentHash, string Age) : DatabaseInfo
{
    public override void WriteProperties(Utf8JsonWriter writer)
    {
        writer.WriteString("age", Age);
        writer.WriteString("content-hash", ContentHash);
        writer.WriteString("name", Name);
    }
}
