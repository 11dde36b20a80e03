using Kingsnake.Core.Findings;

namespace Kingsnake.Core.Suppression;

/// <summary>The mechanism that hid a finding: Kingsnake's own settings, or triage the project did with a peer tool.</summary>
public enum SuppressionKind
{
    /// <summary>Kingsnake's <c>select</c> does not name the rule.</summary>
    NotSelected,

    /// <summary>Kingsnake's <c>ignore</c>.</summary>
    IgnoredRule,

    /// <summary>Kingsnake's <c>per-file-ignores</c>.</summary>
    PerFileIgnore,

    /// <summary>A <c># kingsnake: ignore[...]</c> comment.</summary>
    InlineComment,

    /// <summary>An advisory accepted in <c>ignore-vulnerabilities</c>.</summary>
    IgnoredVulnerability,

    /// <summary>A fingerprint in the baseline.</summary>
    Baseline,

    /// <summary>ruff's <c># noqa</c> or <c># noqa: S602</c> on the finding's lines.</summary>
    RuffNoqa,

    /// <summary>ruff's file exemption, <c># ruff: noqa</c> or <c># flake8: noqa</c> (optionally with codes).</summary>
    RuffFileNoqa,

    /// <summary>ruff's <c>ignore</c> / <c>extend-ignore</c>.</summary>
    RuffIgnore,

    /// <summary>ruff's <c>per-file-ignores</c> / <c>extend-per-file-ignores</c>.</summary>
    RuffPerFileIgnore,

    /// <summary>zizmor's configuration: <c>rules.&lt;audit&gt;.ignore</c> or <c>disable</c>.</summary>
    ZizmorConfig,

    /// <summary>Bandit's <c># nosec</c> comment.</summary>
    BanditNosec,

    /// <summary>zizmor's <c># zizmor: ignore[audit]</c> comment in a workflow.</summary>
    ZizmorComment,

    /// <summary>Bandit's configuration: a <c>skips</c> entry, or a <c>tests</c> list that leaves the check out.</summary>
    BanditConfig,
}

/// <summary>
/// Why one finding is not reported: the mechanism, what it says (<c># noqa: S602</c>, <c>"tests/**" = ["S105"]</c>) and
/// where that is written (the comment's line, or the configuration entry's line); null for a mechanism with no place
/// (the baseline is one file, <c>select</c> a whole list).
/// </summary>
public sealed record SuppressionReason(SuppressionKind Kind, string Detail, SourceSpan? At = null)
{
    /// <summary>
    /// True when the comment named the rule it silences (<c># nosec B602</c>) rather than every rule on its lines
    /// (<c># nosec</c>). The code audit sets it for <c># nosec</c>, whose two forms Bandit counts apart.
    /// </summary>
    public bool NamesRule { get; init; }

    /// <summary>True for the mechanisms written as a comment beside the code (counted together, not per line).</summary>
    public bool IsComment => Kind is SuppressionKind.InlineComment or SuppressionKind.RuffNoqa or SuppressionKind.RuffFileNoqa or SuppressionKind.BanditNosec or SuppressionKind.ZizmorComment;

    /// <summary>Peers' triage (ruff, zizmor, Bandit), which <c>--no-peer-triage</c> turns off.</summary>
    public bool IsPeerTriage => Kind >= SuppressionKind.RuffNoqa;

    /// <summary>The kind's stable name in reports: <c>ruff-noqa</c>, <c>ruff-per-file-ignores</c>, <c>baseline</c>…</summary>
    public string KindName => KindNames[(int)Kind];

    /// <summary>The mechanism in words, for summaries: <c># noqa comments</c>, <c>ruff per-file-ignores</c>.</summary>
    public string KindDescription => KindDescriptions[(int)Kind];

    private static readonly string[] KindDescriptions =
    [
        "Kingsnake select", "Kingsnake ignore", "Kingsnake per-file-ignores", "# kingsnake: ignore comments", "Kingsnake ignore-vulnerabilities", "the baseline",
        "# noqa comments", "# ruff: noqa file exemptions", "ruff ignore", "ruff per-file-ignores", "zizmor configuration", "# nosec comments",
        "# zizmor: ignore comments", "Bandit skips and tests",
    ];

    private static readonly string[] KindNames =
    [
        "not-selected", "ignore", "per-file-ignores", "kingsnake-comment", "ignore-vulnerabilities", "baseline",
        "ruff-noqa", "ruff-file-noqa", "ruff-ignore", "ruff-per-file-ignores", "zizmor-config", "bandit-nosec",
        "zizmor-comment", "bandit-config",
    ];

    /// <summary>One line for people: <c>ruff # noqa: S602 (app/run.py:12)</c>.</summary>
    public override string ToString() => At is { } at ? $"{Detail} ({at.Path}{(at.HasLine ? $":{at.StartLine}" : "")})" : Detail;
}

/// <summary>A finding that was not reported, with the reason.</summary>
public sealed record SuppressedFinding(Finding Finding, SuppressionReason Reason);
