using System.Globalization;
using System.Text.Json;
using Kingsnake.Core.Auditing;

namespace Kingsnake.Workflows.RepositoryData;

/// <summary>The action data snapshot a workflow audit read: which file, how many repositories and advisories it holds.</summary>
/// <param name="Path">The snapshot's full path.</param>
public sealed record ActionDataInfo(string Path, int RepositoryCount, int AdvisoryCount) : DatabaseInfo
{
    public override void WriteProperties(Utf8JsonWriter writer) =>
        writer.WriteString("action data", string.Create(CultureInfo.InvariantCulture, $"{Path} ({RepositoryCount} repositories, {AdvisoryCount} advisories)"));
}
