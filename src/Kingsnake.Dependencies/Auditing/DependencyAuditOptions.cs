namespace Kingsnake.Dependencies.Auditing;

/// <summary>What the dependency audit reads, as the command line asked.</summary>
public sealed record DependencyAuditOptions
{
    /// <summary>Requirements files named with <c>--requirements</c> (absolute paths).</summary>
    public IReadOnlyList<string> Requirements { get; init; } = [];

    /// <summary>Lockfiles named with <c>--lockfile</c> (absolute paths).</summary>
    public IReadOnlyList<string> Lockfiles { get; init; } = [];

    /// <summary>Installed environments named with <c>--env</c> (absolute paths).</summary>
    public IReadOnlyList<string> Environments { get; init; } = [];

    /// <summary>Walk the project root for dependency files (off when inputs are named explicitly).</summary>
    public bool DiscoverProject { get; init; } = true;

    /// <summary>The advisory database source (OSV directory or zip); null means the cache's current database.</summary>
    public string? DatabasePath { get; init; }

    /// <summary>
    /// True when the run was asked for this audit (<c>--only deps</c>, inputs named with <c>-r</c>/<c>--lockfile</c>/<c>--env</c>,
    /// a database named): without a database it cannot be done as asked, and the run stops. False when the area runs
    /// only because every area does by default: then a missing database is an error of this area alone, and the
    /// workflow and code audits, which need none, still report.
    /// </summary>
    public bool DatabaseRequired { get; init; } = true;

    /// <summary>Where compiled indexes live.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Values for <c>${NAME}</c> references in requirements files.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables { get; init; } = new Dictionary<string, string>();
}
