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

    /// <summary>
    /// Every rule name the file wrote (<c>select</c>, <c>ignore</c>, <c>per-file-ignores</c>, <c>severity</c>) with its line:
    /// the configuration is read where the rules are not known, so the caller that knows them checks these
    /// (<see cref="CheckRuleNames"/>).
    /// </summary>
    public IReadOnlyList<RuleReference> RuleReferences { get; init; } = [];

    /// <summary>
    /// Throws <see cref="InputFormatException"/> at the line of the first rule name that names none of
    /// <paramref name="rules"/>, so that a typo (<c>select = ["NOPE999"]</c>) is an error instead of a silent "no findings".
    /// </summary>
    public void CheckRuleNames(IReadOnlyCollection<Rules.Rule> rules)
    {
        foreach (var reference in RuleReferences)
        {
            var known = reference.ExactRule
                ? rules.Any(r => r.IsNamedBy(reference.Name))
                : rules.Any(r => r.IsSelectedBy(reference.Name));
            if (!known)
            {
                var what = reference.ExactRule ? "a rule id, name or alias" : "a rule id, name, alias, id prefix or area";
                throw new InputFormatException($"'{reference.Name}' in '{reference.Setting}' names no rule (expected {what}; 'kingsnake rules' lists them)", reference.Line, reference.Column);
            }
        }
    }
}

/// <summary>A rule name written in the configuration, where it was written, and whether it must name one rule exactly (<c>severity</c> keys).</summary>
public sealed record RuleReference(string Name, string Setting, int Line, int Column, bool ExactRule = false);

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

    /// <summary>True for a CPython release as markers use it: <c>3.12</c> or <c>3.12.4</c>.</summary>
    public static bool IsPythonVersion(string text)
    {
        var parts = text.Split('.');
        return parts.Length is 2 or 3 && parts.All(p => p.Length is > 0 and <= 4 && p.All(char.IsAsciiDigit));
    }

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
