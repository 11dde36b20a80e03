using System.Text.RegularExpressions;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Toml;
using Kingsnake.Posture.Scoring;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Posture.Checks.Python;

/// <summary>
/// Dependency-Cooldown: new releases wait some days before the project takes them, so that a hijacked release is
/// usually found and pulled before it lands (most malicious uploads to PyPI are removed within hours or days).
/// <para>
/// Each Dependabot <c>updates</c> entry with a <c>cooldown</c> of at least one day (<c>default-days</c> or a
/// <c>semver-*-days</c>), a Renovate configuration with <c>minimumReleaseAge</c> (or the older
/// <c>stabilityDays</c>), and uv's <c>exclude-newer</c> given as a span (<c>"7 days"</c>, <c>P7D</c>) in
/// <c>pyproject.toml</c> or <c>uv.toml</c> is a site with a cooldown; a Dependabot entry without one, a Renovate file
/// without one, or an <c>exclude-newer</c> fixed date (which freezes resolution rather than delaying it) is a site
/// without. Score = sites with / sites, ×10, rounded down. Neither an update tool nor uv settings: not applicable.
/// Dependabot does not delay security updates, so a cooldown costs no fix.
/// </para>
/// </summary>
public sealed partial class DependencyCooldownCheck : IPostureCheck
{
    private static readonly string[] RenovateFiles =
        ["renovate.json", "renovate.json5", ".github/renovate.json", ".github/renovate.json5", ".gitlab/renovate.json", ".gitlab/renovate.json5", ".renovaterc", ".renovaterc.json", ".renovaterc.json5"];

    public string Name => "Dependency-Cooldown";

    public CheckRisk Risk => CheckRisk.Low;

    public CheckOrigin Origin => CheckOrigin.Python;

    public string Description => "Dependency updates wait a cooldown before new releases are taken.";

    public CheckResult Run(PostureContext context)
    {
        var evidence = new List<CheckEvidence>();
        var sites = 0;
        var cooled = 0;
        string? nextStep = null;

        foreach (var path in new[] { ".github/dependabot.yml", ".github/dependabot.yaml" })
        {
            if (context.ReadText(path) is not { } text)
            {
                continue;
            }

            DependabotFile file;
            try
            {
                file = DependabotFile.Parse(path, text);
            }
            catch (InputFormatException ex)
            {
                evidence.Add(new CheckEvidence($"unreadable: {ex.Message}") { Path = path, Negative = true });
                continue;
            }

            foreach (var update in file.Updates)
            {
                sites++;
                var days = CooldownDays(update);
                var ecosystem = update.Ecosystem ?? "?";
                if (days > 0)
                {
                    cooled++;
                    evidence.Add(new CheckEvidence($"Dependabot '{ecosystem}' waits {days} day{(days == 1 ? "" : "s")}") { Path = path, Line = update.Node.Start.Line });
                }
                else
                {
                    evidence.Add(new CheckEvidence($"Dependabot '{ecosystem}' has no cooldown") { Path = path, Line = update.Node.Start.Line, Negative = true });
                    nextStep ??= $"add `cooldown: {{default-days: 7}}` to the '{ecosystem}' entry in {path}:{update.Node.Start.Line}";
                }
            }
        }

        foreach (var path in RenovateFiles)
        {
            if (context.ReadText(path) is not { } text)
            {
                continue;
            }

            sites++;
            if (RenovateAge().Match(text) is { Success: true } match)
            {
                cooled++;
                evidence.Add(new CheckEvidence($"Renovate {match.Groups[1].Value} {match.Groups[2].Value}") { Path = path, Line = LineAt(text, match.Index) });
            }
            else
            {
                evidence.Add(new CheckEvidence("Renovate without minimumReleaseAge") { Path = path, Negative = true });
                nextStep ??= $"add `\"minimumReleaseAge\": \"7 days\"` to {path}";
            }
        }

        foreach (var (path, node) in UvSettings(context))
        {
            if (node["exclude-newer"] is not { } value)
            {
                continue;
            }

            sites++;
            var text = value.Text ?? "";
            if (IsSpan(text))
            {
                cooled++;
                evidence.Add(new CheckEvidence($"uv exclude-newer = \"{text}\"") { Path = path, Line = value.Line });
            }
            else
            {
                evidence.Add(new CheckEvidence($"uv exclude-newer = \"{text}\" is a fixed date: it freezes resolution instead of delaying it") { Path = path, Line = value.Line, Negative = true });
                nextStep ??= $"give uv's exclude-newer in {path} as a span (`exclude-newer = \"7 days\"`, uv 0.9.17 or later) instead of a date";
            }
        }

        if (sites == 0)
        {
            return CheckResult.NotApplicable(this, "no Dependabot, Renovate or uv settings to hold a cooldown");
        }

        var reason = cooled == sites ? $"all {sites} update settings wait before taking new releases" : $"{sites - cooled} of {sites} update settings take new releases at once";
        return CheckResult.Scored(this, 10 * cooled / sites, reason, nextStep, evidence);
    }

    private static int CooldownDays(DependabotUpdate update)
    {
        if (update.Cooldown is not Kingsnake.Core.Yaml.YamlMapping cooldown)
        {
            return 0;
        }

        var days = 0;
        foreach (var key in new[] { "default-days", "semver-major-days", "semver-minor-days", "semver-patch-days" })
        {
            if (cooldown.GetString(key) is { } text && int.TryParse(text, out var value))
            {
                days = Math.Max(days, value);
            }
        }

        return days;
    }

    private static IEnumerable<(string Path, TomlNode Settings)> UvSettings(PostureContext context)
    {
        if (context.PyProject?.Path("tool", "uv") is { } fromPyProject)
        {
            yield return ("pyproject.toml", fromPyProject);
        }

        if (context.ReadText("uv.toml") is { } text)
        {
            TomlNode? uv = null;
            try
            {
                uv = TomlDocument.Parse(text, "uv.toml");
            }
            catch (InputFormatException)
            {
            }

            if (uv is not null)
            {
                yield return ("uv.toml", uv);
            }
        }
    }

    /// <summary>A relative span (<c>7 days</c>, <c>1 week</c>, ISO 8601 <c>P7D</c>) rather than an RFC 3339 date.</summary>
    private static bool IsSpan(string text) => !DateFormat().IsMatch(text.Trim()) && (SpanFormat().IsMatch(text.Trim()) || text.Trim().StartsWith('P'));

    private static int LineAt(string text, int offset) => text.AsSpan(0, offset).Count('\n') + 1;

    [GeneratedRegex("\"?(minimumReleaseAge|stabilityDays)\"?\\s*:\\s*\"?([^\",}\\n]+)")]
    private static partial Regex RenovateAge();

    [GeneratedRegex("^\\d{4}-\\d{2}-\\d{2}")]
    private static partial Regex DateFormat();

    [GeneratedRegex("^\\d+\\s*(second|minute|hour|day|week|month|year)s?$", RegexOptions.IgnoreCase)]
    private static partial Regex SpanFormat();
}
