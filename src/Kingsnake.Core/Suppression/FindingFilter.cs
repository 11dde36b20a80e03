using Kingsnake.Core.Configuration;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using MAB.DotIgnore;

namespace Kingsnake.Core.Suppression;

/// <summary>
/// Applies the user's choices to raw findings, in one place for every area: rule selection, per-path
/// ignores, re-grading, inline comments, the triage the project did with peer tools (ruff, zizmor), accepted
/// advisories (with expiry) and the baseline. Each hidden finding keeps its reason. The filter never reads the disk:
/// comments come from an <see cref="ISourceLines"/>, so the same filter serves files on disk and text edited in memory.
/// Kingsnake's selection, ignores and comments are asked first (a finding both they and a peer hide is explained by
/// Kingsnake's), then the peers, then accepted advisories and the baseline.
/// </summary>
public sealed class FindingFilter
{
    private readonly KingsnakeConfig _config;
    private readonly ISourceLines _sources;
    private readonly IReadOnlyList<IPeerTriage> _peers;
    private readonly IReadOnlySet<string> _baseline;
    private readonly DateTimeOffset _now;
    private readonly List<(IgnoreList Paths, string Pattern, IReadOnlyList<string> Rules)> _perFile = [];

    /// <param name="sources">The project's files, for <c># kingsnake: ignore</c> comments.</param>
    /// <param name="peers">Triage done with peer tools, asked in order after Kingsnake's own settings; none when peer triage is off.</param>
    public FindingFilter(KingsnakeConfig config, ISourceLines sources, IReadOnlySet<string>? baseline = null, DateTimeOffset? now = null, IReadOnlyList<IPeerTriage>? peers = null)
    {
        _config = config;
        _sources = sources;
        _peers = peers ?? [];
        _baseline = baseline ?? new HashSet<string>();
        _now = now ?? DateTimeOffset.UtcNow;
        foreach (var (pattern, rules) in config.PerFileIgnores)
        {
            _perFile.Add((new IgnoreList([pattern]), pattern, rules));
        }
    }

    /// <summary>Notes for the user about the configuration itself (an expired advisory ignore, say).</summary>
    public List<InputNote> Notes { get; } = [];

    public (List<Finding> Kept, List<SuppressedFinding> Suppressed) Apply(IEnumerable<Finding> findings)
    {
        var kept = new List<Finding>();
        var suppressed = new List<SuppressedFinding>();
        var expiredReported = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in findings)
        {
            var finding = Regrade(raw);
            if (Reason(finding, expiredReported) is { } reason)
            {
                suppressed.Add(new SuppressedFinding(finding, reason));
            }
            else
            {
                kept.Add(finding);
            }
        }

        return (kept, suppressed);
    }

    private Finding Regrade(Finding finding)
    {
        foreach (var (name, severity) in _config.SeverityOverrides)
        {
            if (finding.Rule.IsNamedBy(name))
            {
                return finding with { Severity = severity };
            }
        }

        return finding;
    }

    private SuppressionReason? Reason(Finding finding, HashSet<string> expiredReported)
    {
        var rule = finding.Rule;
        var configFile = _config.SourcePath ?? "configuration";
        if (_config.Select.Count > 0 && !_config.Select.Any(s => Matches(rule, s)))
        {
            return new SuppressionReason(SuppressionKind.NotSelected, "not in Kingsnake's select", SourceSpan.WholeFile(configFile));
        }

        if (_config.Ignore.FirstOrDefault(s => Matches(rule, s)) is { } ignored)
        {
            return new SuppressionReason(SuppressionKind.IgnoredRule, $"Kingsnake ignore \"{ignored}\"", SourceSpan.WholeFile(configFile));
        }

        foreach (var (paths, pattern, rules) in _perFile)
        {
            if (paths.IsIgnored(finding.Location.Path, false) && rules.FirstOrDefault(s => Matches(rule, s)) is { } selector)
            {
                return new SuppressionReason(SuppressionKind.PerFileIgnore, $"Kingsnake per-file-ignores \"{pattern}\" = \"{selector}\"", SourceSpan.WholeFile(configFile));
            }
        }

        if (InlineComment(finding) is { } comment)
        {
            return comment;
        }

        foreach (var peer in _peers)
        {
            if (peer.Decide(finding) is { } settled)
            {
                return settled;
            }
        }

        if (IsIgnoredVulnerability(finding, expiredReported))
        {
            return new SuppressionReason(SuppressionKind.IgnoredVulnerability, "Kingsnake ignore-vulnerabilities", SourceSpan.WholeFile(configFile));
        }

        return _baseline.Contains(finding.Fingerprint) ? new SuppressionReason(SuppressionKind.Baseline, "baseline") : null;
    }

    /// <summary>A selector names a rule by id, name or alias, or a whole id prefix (DEP, GHA0): <see cref="Rule.IsSelectedBy"/>.</summary>
    private static bool Matches(Rule rule, string selector) => rule.IsSelectedBy(selector);

    private SuppressionReason? InlineComment(Finding finding)
    {
        if (!finding.Location.HasLine || _sources.Lines(finding.Location.Path) is not { } lines || finding.Location.StartLine > lines.Count)
        {
            return null;
        }

        var text = lines[finding.Location.StartLine - 1];
        var names = InlineSuppression.Parse(text);
        if (names is null || !(names.Count == 0 || names.Any(n => Matches(finding.Rule, n))))
        {
            return null;
        }

        var hash = text.IndexOf("kingsnake:", StringComparison.OrdinalIgnoreCase);
        var marker = text.LastIndexOf('#', Math.Max(hash, 0));
        var detail = marker >= 0 ? text[marker..].Trim() : "# kingsnake: ignore";
        return new SuppressionReason(SuppressionKind.InlineComment, detail, new SourceSpan(finding.Location.Path, finding.Location.StartLine, marker + 1));
    }

    private bool IsIgnoredVulnerability(Finding finding, HashSet<string> expiredReported)
    {
        if (_config.IgnoreVulnerabilities.Count == 0)
        {
            return false;
        }

        var ids = FindingIds(finding);
        foreach (var ignore in _config.IgnoreVulnerabilities)
        {
            if (!ids.Contains(ignore.Id))
            {
                continue;
            }

            if (ignore.IsActive(_now))
            {
                return true;
            }

            if (expiredReported.Add(ignore.Id))
            {
                Notes.Add(new InputNote(
                    SourceSpan.WholeFile(_config.SourcePath ?? "configuration"),
                    $"the ignore of {ignore.Id} expired on {ignore.Until:yyyy-MM-dd}; it is reported again"));
            }
        }

        return false;
    }

    /// <summary>The advisory ids and aliases a dependency finding names, any of which an ignore entry may give.</summary>
    private static HashSet<string> FindingIds(Finding finding)
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (finding.Data is DependencyFindingData data)
        {
            ids.UnionWith(data.Advisories);
            ids.UnionWith(data.Aliases);
        }

        return ids;
    }
}
