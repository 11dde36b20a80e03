using Kingsnake.Core.Configuration;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using MAB.DotIgnore;

namespace Kingsnake.Core.Suppression;

/// <summary>Why a finding was hidden.</summary>
public enum SuppressionReason
{
    NotSelected,
    IgnoredRule,
    PerFileIgnore,
    InlineComment,
    IgnoredVulnerability,
    Baseline,
}

/// <summary>
/// Applies the user's choices to raw findings, in one place for every area: rule selection, per-path
/// ignores, re-grading, inline comments, accepted advisories (with expiry) and the baseline.
/// </summary>
public sealed class FindingFilter
{
    private readonly KingsnakeConfig _config;
    private readonly string _rootPath;
    private readonly IReadOnlySet<string> _baseline;
    private readonly DateTimeOffset _now;
    private readonly List<(IgnoreList Paths, IReadOnlyList<string> Rules)> _perFile = [];
    private readonly Dictionary<string, string[]?> _fileLines = new(StringComparer.Ordinal);

    public FindingFilter(KingsnakeConfig config, string rootPath, IReadOnlySet<string>? baseline = null, DateTimeOffset? now = null)
    {
        _config = config;
        _rootPath = rootPath;
        _baseline = baseline ?? new HashSet<string>();
        _now = now ?? DateTimeOffset.UtcNow;
        foreach (var (pattern, rules) in config.PerFileIgnores)
        {
            _perFile.Add((new IgnoreList([pattern]), rules));
        }
    }

    /// <summary>Notes for the user about the configuration itself (an expired advisory ignore, say).</summary>
    public List<InputNote> Notes { get; } = [];

    public (List<Finding> Kept, List<Finding> Suppressed) Apply(IEnumerable<Finding> findings)
    {
        var kept = new List<Finding>();
        var suppressed = new List<Finding>();
        var expiredReported = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in findings)
        {
            var finding = Regrade(raw);
            var reason = Reason(finding, expiredReported);
            (reason is null ? kept : suppressed).Add(finding);
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
        if (_config.Select.Count > 0 && !_config.Select.Any(s => Matches(rule, s)))
        {
            return SuppressionReason.NotSelected;
        }

        if (_config.Ignore.Any(s => Matches(rule, s)))
        {
            return SuppressionReason.IgnoredRule;
        }

        if (_perFile.Any(p => p.Paths.IsIgnored(finding.Location.Path, false) && p.Rules.Any(s => Matches(rule, s))))
        {
            return SuppressionReason.PerFileIgnore;
        }

        if (IsSuppressedInline(finding))
        {
            return SuppressionReason.InlineComment;
        }

        if (IsIgnoredVulnerability(finding, expiredReported))
        {
            return SuppressionReason.IgnoredVulnerability;
        }

        return _baseline.Contains(finding.Fingerprint) ? SuppressionReason.Baseline : null;
    }

    /// <summary>A selector names a rule by id, name or alias, or a whole id prefix (DEP, GHA0).</summary>
    private static bool Matches(Rule rule, string selector) =>
        rule.IsNamedBy(selector)
        || (selector.Length > 0 && rule.Id.StartsWith(selector, StringComparison.OrdinalIgnoreCase) && !char.IsLetter(rule.Id[selector.Length..].FirstOrDefault()))
        || selector.Equals(rule.Area, StringComparison.OrdinalIgnoreCase);

    private bool IsSuppressedInline(Finding finding)
    {
        if (!finding.Location.HasLine)
        {
            return false;
        }

        var lines = ReadLines(finding.Location.Path);
        if (lines is null || finding.Location.StartLine > lines.Length)
        {
            return false;
        }

        var names = InlineSuppression.Parse(lines[finding.Location.StartLine - 1]);
        return names is not null && (names.Count == 0 || names.Any(n => Matches(finding.Rule, n)));
    }

    private string[]? ReadLines(string relativePath)
    {
        if (!_fileLines.TryGetValue(relativePath, out var lines))
        {
            try
            {
                var full = Path.IsPathRooted(relativePath) ? relativePath : Path.Combine(_rootPath, relativePath);
                lines = File.Exists(full) ? LinesIfMarked(File.ReadAllBytes(full)) : null;
            }
            catch (IOException)
            {
                lines = null;
            }
            catch (UnauthorizedAccessException)
            {
                lines = null;
            }

            _fileLines[relativePath] = lines;
        }

        return lines;
    }

    /// <summary>
    /// The file's lines, or null when it holds no <c>kingsnake:</c> marker at all (most files: a whole-tree code scan
    /// then splits no file into lines just to find that no line has a suppression comment).
    /// </summary>
    private static string[]? LinesIfMarked(byte[] bytes)
    {
        if (bytes.AsSpan().IndexOf("kingsnake:"u8) < 0 && !ContainsIgnoringCase(bytes, "kingsnake:"u8))
        {
            return null;
        }

        using var reader = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return [.. lines];
    }

    private static bool ContainsIgnoringCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lowerAsciiNeedle)
    {
        for (var start = text.IndexOfAny((byte)'k', (byte)'K'); start >= 0 && start + lowerAsciiNeedle.Length <= text.Length;)
        {
            var candidate = text.Slice(start, lowerAsciiNeedle.Length);
            if (System.Text.Ascii.EqualsIgnoreCase(candidate, lowerAsciiNeedle))
            {
                return true;
            }

            var next = text[(start + 1)..].IndexOfAny((byte)'k', (byte)'K');
            start = next < 0 ? -1 : start + 1 + next;
        }

        return false;
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

    private static HashSet<string> FindingIds(Finding finding)
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in (string[])["advisories", "aliases"])
        {
            if (finding.Properties.TryGetValue(key, out var value) && value is IEnumerable<string> list)
            {
                ids.UnionWith(list);
            }
        }

        return ids;
    }
}
