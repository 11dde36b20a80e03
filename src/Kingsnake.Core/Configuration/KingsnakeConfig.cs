using Kingsnake.Core.Findings;

namespace Kingsnake.Core.Configuration;

/// <summary>
/// Settings from <c>[tool.kingsnake]</c> in <c>pyproject.toml</c> or from <c>kingsnake.toml</c>
/// (same keys, at the top level), merged with command-line options by the CLI. Zero configuration
/// is the normal case: every property has a sensible default.
/// </summary>
public sealed record KingsnakeConfig
{
    public static KingsnakeConfig Default { get; } = new();

    /// <summary>The file the settings came from, relative to the project root; null when none.</summary>
    public string? SourcePath { get; init; }

    /// <summary>Exit 1 when a finding is at or above this severity.</summary>
    public Severity FailOn { get; init; } = Severity.Low;

    /// <summary>Rule ids, names or aliases to run; empty means all.</summary>
    public IReadOnlyList<string> Select { get; init; } = [];

    /// <summary>Rule ids, names or aliases never to report.</summary>
    public IReadOnlyList<string> Ignore { get; init; } = [];

    /// <summary>Gitignore-style patterns of paths to leave out, relative to the project root.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>Per-path rule ignores: gitignore-style pattern → rule ids.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> PerFileIgnores { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Re-grading: rule id → severity.</summary>
    public IReadOnlyDictionary<string, Severity> SeverityOverrides { get; init; } = new Dictionary<string, Severity>();

    /// <summary>Advisories to hide (matched against every id and alias), optionally until a date.</summary>
    public IReadOnlyList<VulnerabilityIgnore> IgnoreVulnerabilities { get; init; } = [];

    /// <summary>
    /// Honour the triage the project did with peer tools (ruff's <c># noqa</c> and configuration, zizmor's
    /// configuration): <c>peer-triage = false</c>, like <c>--no-peer-triage</c>, turns it off.
    /// </summary>
    public bool PeerTriage { get; init; } = true;

    /// <summary>Path of a baseline file of fingerprints to hide.</summary>
    public string? Baseline { get; init; }

    /// <summary>Path of the advisory database (a directory of OSV records, an OSV zip, or a compiled index).</summary>
    public string? Database { get; init; }

    /// <summary>Settings of the workflow audit (<c>[tool.kingsnake.workflows]</c>).</summary>
    public WorkflowSettings Workflows { get; init; } = WorkflowSettings.Default;

    /// <summary>Problems met while reading the configuration that did not stop the run.</summary>
    public IReadOnlyList<InputNote> Notes { get; init; } = [];

    /// <summary>The environment that markers are evaluated against.</summary>
    public TargetEnvironment Target { get; init; } = TargetEnvironment.Default;
}

/// <summary>An advisory the project has decided to accept, with the reason and an optional expiry.</summary>
public sealed record VulnerabilityIgnore(string Id, string Reason = "", DateOnly? Until = null)
{
    public bool IsActive(DateTimeOffset now) => Until is null || DateOnly.FromDateTime(now.UtcDateTime) <= Until.Value;
}

/// <summary>
/// The Python environment dependencies are judged for (PEP 508 marker variables). Unset values mean
/// "any": a marker that depends on them is treated as possibly true, so nothing is hidden by a guess.
/// </summary>
public sealed record TargetEnvironment
{
    public static TargetEnvironment Default { get; } = new();

    /// <summary>e.g. "3.12"; null = any version.</summary>
    public string? PythonVersion { get; init; }

    /// <summary>sys_platform, e.g. "linux", "win32", "darwin"; null = any.</summary>
    public string? SysPlatform { get; init; }

    /// <summary>platform_machine, e.g. "x86_64"; null = any.</summary>
    public string? PlatformMachine { get; init; }

    /// <summary>Extras and dependency groups to include besides the main set; null = all of them.</summary>
    public IReadOnlyList<string>? Extras { get; init; }
}

/// <summary>
/// <c>[tool.kingsnake.workflows]</c>: the workflow audit's knobs, kept as written here (the workflow project gives them
/// meaning). Null means "the audit's default".
/// </summary>
public sealed record WorkflowSettings
{
    public static WorkflowSettings Default { get; } = new();

    /// <summary>regular, pedantic or auditor.</summary>
    public string? Persona { get; init; }

    /// <summary>hash-pin-third-party, hash-pin or ref-pin.</summary>
    public string? UnpinnedPolicy { get; init; }

    /// <summary>forbidden-uses allow list (only these actions may be used).</summary>
    public IReadOnlyList<string> AllowUses { get; init; } = [];

    /// <summary>forbidden-uses deny list.</summary>
    public IReadOnlyList<string> DenyUses { get; init; } = [];

    /// <summary>dependabot-cooldown: the least number of days an update must wait.</summary>
    public int? DependabotCooldownDays { get; init; }
}
