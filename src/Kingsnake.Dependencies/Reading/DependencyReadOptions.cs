namespace Kingsnake.Dependencies.Reading;

/// <summary>
/// Limits and caller-supplied facts for the dependency readers. Nothing below the CLI reads the process
/// environment, so environment variables that requirements files expand come from <see cref="EnvironmentVariables"/>.
/// </summary>
public sealed record DependencyReadOptions
{
    public static DependencyReadOptions Default { get; } = new();

    /// <summary>
    /// Installed environments: metadata files larger than this are refused with an error. Project files (manifests,
    /// lockfiles, scripts) are bounded by the project's own limit (<c>ProjectOptions.MaxFileBytes</c>), which is this one
    /// when a reader runs on its own (<see cref="DependencyCollector.ReadAlone"/>).
    /// </summary>
    public long MaxFileBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>How deep <c>-r</c>/<c>-c</c> includes may nest.</summary>
    public int MaxIncludeDepth { get; init; } = 16;

    /// <summary>How many files one requirements file may pull in through includes, in total.</summary>
    public int MaxIncludedFiles { get; init; } = 256;

    /// <summary>How many metadata directories one environment may hold before the rest is skipped with an error.</summary>
    public int MaxInstalledDistributions { get; init; } = 50_000;

    /// <summary>Values for <c>${NAME}</c> in requirements files; unknown names stay unexpanded with a note.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// For installed environments: the requirements the user installed on purpose. When given, they are the
    /// roots of the graph; otherwise the roots are the packages nothing else requires.
    /// </summary>
    public IReadOnlyList<string>? TopLevelRequirements { get; init; }
}
