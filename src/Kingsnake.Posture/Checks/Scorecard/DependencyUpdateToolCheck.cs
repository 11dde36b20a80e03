using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>
/// Scorecard's Dependency-Update-Tool (<c>checks/raw/dependency_update_tool.go</c>): 10 when the checkout configures
/// Dependabot (<c>.github/dependabot.y[a]ml</c>), Renovate (<c>renovate.json[5]</c> in the root, <c>.github/</c> or
/// <c>.gitlab/</c>; <c>.renovaterc[.json[5]]</c> in the root) or Scala Steward; else 10 when Dependabot has committed
/// to the history (Scorecard finds such commits through the search API; here they are read from the clone); else 0.
/// </summary>
public sealed class DependencyUpdateToolCheck : IPostureCheck
{
    private static readonly (string Path, string Tool)[] Configurations =
    [
        (".github/dependabot.yml", "Dependabot"),
        (".github/dependabot.yaml", "Dependabot"),
        ("renovate.json", "Renovate"),
        ("renovate.json5", "Renovate"),
        (".github/renovate.json", "Renovate"),
        (".github/renovate.json5", "Renovate"),
        (".gitlab/renovate.json", "Renovate"),
        (".gitlab/renovate.json5", "Renovate"),
        (".renovaterc", "Renovate"),
        (".renovaterc.json", "Renovate"),
        (".renovaterc.json5", "Renovate"),
        (".scala-steward.conf", "Scala Steward"),
        (".config/.scala-steward.conf", "Scala Steward"),
        (".github/.scala-steward.conf", "Scala Steward"),
    ];

    public string Name => "Dependency-Update-Tool";

    public CheckRisk Risk => CheckRisk.High;

    public CheckOrigin Origin => CheckOrigin.Scorecard;

    public string Description => "A tool (Dependabot, Renovate) proposes dependency updates.";

    public CheckResult Run(PostureContext context)
    {
        var files = ScorecardFiles.List(context).ToHashSet(StringComparer.Ordinal);
        var found = Configurations.Where(c => files.Contains(c.Path)).ToList();
        if (found.Count == 0 && PostureHistory.NewestDependabotCommit(context) is { } commit)
        {
            return CheckResult.Scored(this, 10, "Dependabot commits in the history (no configuration file in the checkout)", null,
                [new CheckEvidence($"Dependabot commit: {commit.Subject}") { Commit = commit.Id }]);
        }

        if (found.Count == 0)
        {
            return CheckResult.Scored(this, 0, "no dependency update tool configured (no Dependabot, Renovate or Scala Steward file)",
                "add .github/dependabot.yml with `package-ecosystem: pip` (or uv) and `github-actions` entries so updates arrive as pull requests");
        }

        var evidence = found.Select(c => new CheckEvidence($"{c.Tool} configuration") { Path = c.Path }).ToList();
        return CheckResult.Scored(this, 10, $"{found[0].Tool} configured in {found[0].Path}", null, evidence);
    }
}
