using System.Reflection;

namespace Kingsnake.Posture.Sbom;

/// <summary>
/// What a builder cannot learn from its input: the BOM's serial number and timestamp (a fresh GUID and now by
/// default; fixed for tests and <c>--reproducible</c>) and the tool version (this assembly's).
/// </summary>
public sealed record BomBuildOptions
{
    /// <summary>The informational version of the Kingsnake assemblies, without the source-revision suffix (declared before <see cref="Default"/>, whose initializer reads it).</summary>
    public static string AssemblyVersion { get; } =
        typeof(BomBuildOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static BomBuildOptions Default { get; } = new();

    /// <summary>The serial number; null = a fresh random one.</summary>
    public Guid? SerialNumber { get; init; }

    /// <summary>The timestamp; null = now. Truncated to the second, in UTC.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    public string ToolName { get; init; } = "kingsnake";

    public string ToolVersion { get; init; } = AssemblyVersion;

    internal Guid Serial() => SerialNumber ?? Guid.NewGuid();

    internal DateTimeOffset Time()
    {
        var time = (Timestamp ?? DateTimeOffset.UtcNow).ToUniversalTime();
        return new DateTimeOffset(time.Year, time.Month, time.Day, time.Hour, time.Minute, time.Second, TimeSpan.Zero);
    }
}
