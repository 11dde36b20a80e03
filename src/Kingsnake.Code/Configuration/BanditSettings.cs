using Kingsnake.Core.Findings;
using Kingsnake.Core.Suppression;

namespace Kingsnake.Code.Configuration;

/// <summary>
/// A Bandit configuration, read as Bandit reads it: <c>tests</c> (allow-list), <c>skips</c> (deny-list),
/// <c>exclude_dirs</c> and the per-plugin sections (<c>hardcoded_tmp_directory.tmp_dirs</c>,
/// <c>shell_injection.subprocess</c> …). Values are kept as lists of strings; plugins read what they know.
/// </summary>
public sealed record BanditSettings
{
    public static BanditSettings Empty { get; } = new();

    /// <summary>The file it came from (relative to the root where possible); null when there is none.</summary>
    public string? SourcePath { get; init; }

    /// <summary>Test ids to run; empty means all.</summary>
    public IReadOnlyList<string> Tests { get; init; } = [];

    /// <summary>Test ids never to run.</summary>
    public IReadOnlyList<string> Skips { get; init; } = [];

    /// <summary>The line of each <see cref="Skips"/> entry in <see cref="SourcePath"/> (0 when not known).</summary>
    public IReadOnlyList<int> SkipLines { get; init; } = [];

    /// <summary>The line of the <see cref="Tests"/> list in <see cref="SourcePath"/> (0 when not known).</summary>
    public int TestsLine { get; init; }

    /// <summary>Paths (or globs) left out of the scan.</summary>
    public IReadOnlyList<string> ExcludeDirs { get; init; } = [];

    /// <summary>Plugin options: section → key → values (a scalar is a one-element list).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> PluginOptions { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>();

    /// <summary>The values of <c>section.key</c>, or null when the config does not set it.</summary>
    public IReadOnlyList<string>? Option(string section, string key) =>
        PluginOptions.TryGetValue(section, out var options) && options.TryGetValue(key, out var values) ? values : null;

    /// <summary>A boolean option (<c>true</c>/<c>True</c>/<c>1</c>/<c>yes</c>), or <paramref name="fallback"/>.</summary>
    public bool Flag(string section, string key, bool fallback) =>
        Option(section, key) is [var value] ? value.Trim().ToLowerInvariant() is "true" or "1" or "yes" or "on" : fallback;

    /// <summary>Whether the test with <paramref name="banditId"/> runs under <c>tests</c>/<c>skips</c> (B001 names every blacklist test).</summary>
    public bool Runs(string banditId, bool isBlacklist) => WhyNotRun(banditId, isBlacklist) is null;

    /// <summary>
    /// Why the test with <paramref name="banditId"/> does not run: the <c>skips</c> entry that names it, or the
    /// <c>tests</c> list that leaves it out, with where that is written; null when it runs.
    /// </summary>
    public SuppressionReason? WhyNotRun(string banditId, bool isBlacklist)
    {
        bool Names(string entry) => entry.Equals(banditId, StringComparison.OrdinalIgnoreCase) || (isBlacklist && entry.Equals("B001", StringComparison.OrdinalIgnoreCase));
        for (var i = 0; i < Skips.Count; i++)
        {
            if (Names(Skips[i]))
            {
                return new SuppressionReason(SuppressionKind.BanditConfig, $"Bandit skips {Skips[i]}", At(i < SkipLines.Count ? SkipLines[i] : 0));
            }
        }

        return Tests.Count == 0 || Tests.Any(Names) ? null : new SuppressionReason(SuppressionKind.BanditConfig, $"Bandit tests (without {banditId})", At(TestsLine));
    }

    private SourceSpan? At(int line) => SourcePath is null ? null : line > 0 ? SourceSpan.Line(SourcePath, line) : SourceSpan.WholeFile(SourcePath);
}
