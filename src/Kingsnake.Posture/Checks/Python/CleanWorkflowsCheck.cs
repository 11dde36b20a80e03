using Kingsnake.Core.Findings;
using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Checks.Python;

/// <summary>
/// Clean-Workflows: no workflow file has a high or critical finding from Kingsnake's workflow audit (all of zizmor's
/// audits: injection, dangerous triggers, credential persistence, cache poisoning, unpinned or impostor actions…).
/// Scorecard's Dangerous-Workflow looks for two patterns; this counts everything the audit rates high or worse, after
/// the project's own ignore comments and configuration.
/// <para>
/// Score = files without such a finding / workflow files (and other files the audit reported on), ×10, rounded down.
/// No workflow: not applicable.
/// </para>
/// </summary>
public sealed class CleanWorkflowsCheck : IPostureCheck
{
    public string Name => "Clean-Workflows";

    public CheckRisk Risk => CheckRisk.High;

    public CheckOrigin Origin => CheckOrigin.Python;

    public string Description => "No workflow has a high or critical finding from the workflow audit.";

    public CheckResult Run(PostureContext context)
    {
        var files = new SortedSet<string>(context.Workflows.Select(w => w.RelativePath), StringComparer.Ordinal);
        if (files.Count == 0)
        {
            return CheckResult.NotApplicable(this, "no workflow files");
        }

        var serious = context.WorkflowAudit.Findings
            .Where(f => f.Severity >= Severity.High)
            .OrderBy(f => f.Location.Path, StringComparer.Ordinal).ThenBy(f => f.Location.StartLine).ThenBy(f => f.Rule.Id, StringComparer.Ordinal)
            .ToList();
        foreach (var finding in serious)
        {
            files.Add(finding.Location.Path);
        }

        var dirty = serious.Select(f => f.Location.Path).ToHashSet(StringComparer.Ordinal);
        var evidence = serious.Select(f => new CheckEvidence($"{f.Severity.ToString().ToLowerInvariant()} {f.Rule.Id} {f.Rule.Name}: {f.Message}")
        { Path = f.Location.Path, Line = f.Location.StartLine, Negative = true }).ToList();
        if (serious.Count == 0)
        {
            return CheckResult.Scored(this, 10, $"no high or critical workflow finding in {files.Count} file{(files.Count == 1 ? "" : "s")}", null);
        }

        var first = serious[0];
        var nextStep = first.Fix is not null
            ? $"run `kingsnake fix --only workflows` to fix {first.Rule.Id} at {first.Location.Path}:{first.Location.StartLine}, and see `kingsnake audit --only workflows` for the rest"
            : $"fix {first.Rule.Id} ({first.Rule.Name}) at {first.Location.Path}:{first.Location.StartLine}; `kingsnake audit --only workflows` lists all {serious.Count}";
        return CheckResult.Scored(this, 10 * (files.Count - dirty.Count) / files.Count,
            $"{serious.Count} high or critical finding{(serious.Count == 1 ? "" : "s")} in {dirty.Count} of {files.Count} workflow files", nextStep, evidence);
    }
}
