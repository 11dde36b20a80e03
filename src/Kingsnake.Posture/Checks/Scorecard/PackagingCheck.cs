using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>
/// Scorecard's Packaging for Python (<c>checks/fileparser/github_workflow.go</c>, <c>checks/raw/gitlab/packaging.go</c>):
/// 10 when a GitHub workflow job uses <c>pypa/gh-action-pypi-publish</c> or <c>relekang/python-semantic-release</c>
/// (Scorecard also wants successful runs of it, which needs the API; offline, as <c>scorecard --local</c>, the workflow
/// suffices), or a line of <c>.gitlab-ci.yml</c> runs <c>twine upload</c> or <c>poetry publish</c>. Nothing found is
/// inconclusive (−1), never 0.
/// </summary>
public sealed class PackagingCheck : IPostureCheck
{
    private static readonly string[] PublishActions = ["pypa/gh-action-pypi-publish", "relekang/python-semantic-release"];

    private static readonly string[] GitLabCommands = ["poetry publish", "twine upload"];

    public string Name => "Packaging";

    public CheckRisk Risk => CheckRisk.Medium;

    public CheckOrigin Origin => CheckOrigin.Scorecard;

    public string Description => "The project publishes its packages from CI with a publishing workflow.";

    public CheckResult Run(PostureContext context)
    {
        var evidence = new List<CheckEvidence>();
        foreach (var workflow in ScorecardWorkflows.Parsed(ScorecardWorkflows.Of(context)))
        {
            foreach (var (job, step) in ScorecardWorkflows.Steps(workflow))
            {
                if (step.UsesNode?.Value is { } uses && PublishActions.FirstOrDefault(a => uses.StartsWith(a + "@", StringComparison.Ordinal)) is { } action)
                {
                    evidence.Add(new CheckEvidence($"job '{job.Id}' publishes with {action}") { Path = workflow.Path, Line = ScorecardWorkflows.LineOf(step.UsesNode) });
                }
            }
        }

        if (ScorecardFiles.List(context).Contains(".gitlab-ci.yml", StringComparer.Ordinal) && ScorecardFiles.ReadText(context, ".gitlab-ci.yml") is { } gitlab)
        {
            var lines = gitlab.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (GitLabCommands.FirstOrDefault(c => lines[i].Contains(c, StringComparison.Ordinal)) is { } command)
                {
                    evidence.Add(new CheckEvidence($"GitLab CI publishes with `{command}`") { Path = ".gitlab-ci.yml", Line = i + 1 });
                    break;
                }
            }
        }

        if (evidence.Count == 0)
        {
            return CheckResult.NotApplicable(this, "no publishing workflow found (no pypa/gh-action-pypi-publish or python-semantic-release job, no `twine upload`/`poetry publish` in .gitlab-ci.yml); Scorecard gives −1, not 0");
        }

        var first = evidence[0];
        return CheckResult.Scored(this, 10, $"packages are published from CI: {first.Description} ({first.Path}:{first.Line})", null, evidence);
    }
}
