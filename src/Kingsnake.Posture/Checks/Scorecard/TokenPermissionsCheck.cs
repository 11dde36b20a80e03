using System.Globalization;
using Kingsnake.Core.Yaml;
using Kingsnake.Posture.Scoring;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>
/// Scorecard's Token-Permissions (<c>checks/raw/permissions.go</c>, <c>checks/evaluation/permissions.go</c>). Start at
/// 10; job-level facts of every workflow are gathered before top-level ones are weighed. Per workflow, top level:
/// no <c>permissions:</c> costs 0.5, or makes the score 0 when a job of that file declares none either;
/// <c>write-all</c> costs 0.5, or makes it 0 when a job there writes or declares nothing; a write scope costs 10
/// (<c>contents</c>, <c>packages</c>, <c>actions</c>), 1 (<c>deployments</c>, <c>security-events</c>) or 0.5
/// (<c>checks</c>, <c>statuses</c>), other scopes nothing. Job-level writes alone cost nothing; a publishing or
/// release workflow's jobs may write <c>contents</c>/<c>packages</c>, a SARIF-upload workflow's
/// <c>security-events</c>, without counting as writes. The result is truncated to an integer (one or two
/// undeclared files give 9), at least 0. No workflow: inconclusive. <c>permissions: {}</c> declares "none".
/// </summary>
public sealed class TokenPermissionsCheck : IPostureCheck
{
    private static readonly string[] PublishActions = ["pypa/gh-action-pypi-publish", "relekang/python-semantic-release"];

    private static readonly string[] ReleaseActions =
    [
        "softprops/action-gh-release", "ncipollo/release-action", "actions/create-release", "actions/upload-release-asset",
        "goreleaser/goreleaser-action", "cycjimmy/semantic-release-action", "marvinpinto/action-automatic-releases",
        "relekang/python-semantic-release", "python-semantic-release/python-semantic-release",
    ];

    private static readonly string[] ScopesOfInterest = ["statuses", "checks", "security-events", "deployments", "contents", "packages", "actions"];

    public string Name => "Token-Permissions";

    public CheckRisk Risk => CheckRisk.High;

    public CheckOrigin Origin => CheckOrigin.Scorecard;

    public string Description => "Workflows give the GITHUB_TOKEN read-only permissions at the top level and grant writes per job.";

    public CheckResult Run(PostureContext context)
    {
        var workflows = ScorecardWorkflows.Of(context);
        if (workflows.Count == 0)
        {
            return CheckResult.NotApplicable(this, "no workflows in .github/workflows");
        }

        if (ScorecardWorkflows.FirstError(workflows) is { } error)
        {
            return CheckResult.Failed(this, error);
        }

        var parsed = ScorecardWorkflows.Parsed(workflows).ToList();

        // job level first, as Scorecard's probes run: which files have an undeclared job, which a writing job
        var undeclaredJobs = new Dictionary<string, List<Job>>(StringComparer.Ordinal);
        var writingJobs = new Dictionary<string, List<(Job Job, string Scope)>>(StringComparer.Ordinal);
        foreach (var workflow in parsed)
        {
            var ignored = IgnoredJobScopes(workflow);
            undeclaredJobs[workflow.Path] = [.. workflow.Jobs.Where(j => j.Permissions is null)];
            writingJobs[workflow.Path] = [.. workflow.Jobs.SelectMany(j => j.Permissions is { } p ? Writes(p, ignored).Select(s => (j, s)) : [])];
        }

        var score = 10.0;
        var zero = false;
        var evidence = new List<CheckEvidence>();
        var costs = new List<string>();
        var undeclaredTop = 0;
        var writeAllTop = 0;
        var scopeWrites = new List<string>();
        foreach (var workflow in parsed)
        {
            var undeclared = undeclaredJobs[workflow.Path];
            var writing = writingJobs[workflow.Path];
            if (workflow.Permissions is not { } top)
            {
                undeclaredTop++;
                var line = workflow.OnKey is { } on ? ScorecardWorkflows.LineOf(on) : 1;
                if (undeclared.Count > 0)
                {
                    zero = true;
                    evidence.Add(new CheckEvidence($"no top-level permissions, and job '{undeclared[0].Id}' declares none either: the token has the repository default (score 0)")
                    {
                        Path = workflow.Path,
                        Line = ScorecardWorkflows.LineOf(undeclared[0].IdNode),
                        Negative = true,
                    });
                    costs.Add($"{workflow.Path} declares permissions nowhere for job '{undeclared[0].Id}' (0)");
                }
                else
                {
                    score -= 0.5;
                    evidence.Add(new CheckEvidence("no top-level permissions (−0.5)") { Path = workflow.Path, Line = line, Negative = true });
                }

                continue;
            }

            if (IsWriteAll(top))
            {
                var line = ScorecardWorkflows.LineOf(top.Node);
                if (writing.Count > 0 || undeclared.Count > 0)
                {
                    zero = true;
                    var why = writing.Count > 0 ? $"job '{writing[0].Job.Id}' writes {writing[0].Scope}" : $"job '{undeclared[0].Id}' declares no permissions";
                    evidence.Add(new CheckEvidence($"top-level write-all and {why} (score 0)") { Path = workflow.Path, Line = line, Negative = true });
                    costs.Add($"{workflow.Path} has top-level write-all and {why} (0)");
                }
                else
                {
                    score -= 0.5;
                    writeAllTop++;
                    evidence.Add(new CheckEvidence("top-level write-all (−0.5)") { Path = workflow.Path, Line = line, Negative = true });
                }

                continue;
            }

            foreach (var scope in top.Kind == PermissionsKind.Explicit ? top.Scopes : [])
            {
                if (!scope.IsWrite || !ScopesOfInterest.Contains(scope.Name, StringComparer.OrdinalIgnoreCase))
                {
                    continue;
                }

                var cost = Cost(scope.Name);
                score -= cost;
                scopeWrites.Add($"{scope.Name} −{cost.ToString(CultureInfo.InvariantCulture)} in {workflow.Path}");
                evidence.Add(new CheckEvidence($"top-level {scope.Name}: write (−{cost.ToString(CultureInfo.InvariantCulture)})")
                {
                    Path = workflow.Path,
                    Line = ScorecardWorkflows.LineOf(scope.Key),
                    Negative = true,
                });
            }
        }

        var result = zero ? 0 : (int)Math.Max(0, score);
        if (result == 10 && !zero)
        {
            return CheckResult.Scored(this, 10, $"all {parsed.Count} workflow(s) declare read-only top-level permissions", null);
        }

        string reason;
        if (zero)
        {
            reason = $"score 0: {costs[0]}{(costs.Count > 1 ? $" (and {costs.Count - 1} more)" : "")}";
        }
        else
        {
            var parts = new List<string>();
            if (undeclaredTop > 0)
            {
                parts.Add($"{undeclaredTop} of {parsed.Count} workflows without top-level permissions (−0.5 each)");
            }

            if (writeAllTop > 0)
            {
                parts.Add($"{writeAllTop} top-level write-all (−0.5 each)");
            }

            if (scopeWrites.Count > 0)
            {
                parts.Add($"top-level writes: {string.Join(", ", scopeWrites)}");
            }

            reason = $"{string.Join("; ", parts)}: {score.ToString("0.##", CultureInfo.InvariantCulture)} truncated to {result}";
        }

        var first = evidence[0];
        var next = first.Description.Contains("write", StringComparison.Ordinal) && !first.Description.StartsWith("no top-level", StringComparison.Ordinal)
            ? $"in {first.Path}:{first.Line} set the top-level `permissions:` to `contents: read` (or `{{}}`) and grant each write to the one job that needs it"
            : $"add `permissions:` with `contents: read` (or `{{}}`) at the top of {first.Path}{(zero ? " and a `permissions:` block to each job" : "")}, granting writes per job";
        return CheckResult.Scored(this, result, reason, next, evidence);
    }

    private static double Cost(string scope) => scope.ToLowerInvariant() switch
    {
        "contents" or "packages" or "actions" => 10,
        "deployments" or "security-events" => 1,
        _ => 0.5,
    };

    /// <summary>Scorecard reads a scalar other than <c>read-all</c> (a typo, an expression) as write-all.</summary>
    private static bool IsWriteAll(Permissions permissions) =>
        permissions.Kind == PermissionsKind.WriteAll
        || (permissions.Kind == PermissionsKind.Other && permissions.Node is YamlScalar { IsNull: false } scalar && !scalar.Value.Equals("read-all", StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> Writes(Permissions permissions, IReadOnlySet<string> ignored)
    {
        if (IsWriteAll(permissions))
        {
            return ["all scopes (write-all)"];
        }

        return permissions.Kind == PermissionsKind.Explicit
            ? permissions.Scopes.Where(s => s.IsWrite && ScopesOfInterest.Contains(s.Name, StringComparer.OrdinalIgnoreCase) && !ignored.Contains(s.Name.ToLowerInvariant())).Select(s => s.Name)
            : [];
    }

    /// <summary>The job scopes Scorecard lets a publishing, release or SARIF-upload workflow write.</summary>
    private static IReadOnlySet<string> IgnoredJobScopes(WorkflowFile workflow)
    {
        var ignored = new HashSet<string>(StringComparer.Ordinal);
        var actions = ScorecardWorkflows.Steps(workflow).Select(s => ScorecardWorkflows.ActionName(s.Step)).OfType<string>().ToList();
        if (actions.Any(a => PublishActions.Contains(a, StringComparer.Ordinal)))
        {
            ignored.Add("packages");
            ignored.Add("contents");
        }

        if (actions.Any(a => ReleaseActions.Contains(a, StringComparer.Ordinal)))
        {
            ignored.Add("contents");
        }

        if (actions.Contains("github/codeql-action/upload-sarif") && workflow.Triggers.All(t => t.Name is "workflow_dispatch" or "schedule" or "push"))
        {
            ignored.Add("security-events");
        }

        return ignored;
    }
}
