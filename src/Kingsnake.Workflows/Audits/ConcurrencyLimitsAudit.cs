using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Auditing;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// concurrency-limits (zizmor.md §2, pedantic): a workflow with no <c>concurrency:</c> at workflow level while some
/// job lacks one too, or a <c>concurrency:</c> without <c>cancel-in-progress</c>. Runs then pile up (pushes to one
/// pull request each start a full run, using runners and secrets' exposure time). Reusable-only workflows are
/// skipped: their caller decides.
/// </summary>
public sealed class ConcurrencyLimitsAudit : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.ConcurrencyLimits;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        if (target.Workflow is not { } workflow || workflow.IsReusableOnly)
        {
            return;
        }

        if (workflow.Concurrency is { } concurrency)
        {
            CheckCancel(concurrency, workflow.Root.GetKey("concurrency")!, "the workflow", null, sink);
            return;
        }

        var unlimited = workflow.Jobs.Where(j => j.Concurrency is null).ToList();
        if (unlimited.Count > 0 && (workflow.OnKey ?? workflow.Root.Entries.FirstOrDefault().Key) is { } at)
        {
            var which = unlimited.Count == workflow.Jobs.Count ? "no job has one either" : $"job '{unlimited[0].Id}' has none either";
            sink.Report(Rule, at, $"the workflow sets no concurrency: and {which}; superseded runs keep going", Severity.Low, Confidence.High, Persona.Pedantic);
        }

        foreach (var job in workflow.Jobs)
        {
            if (job.Concurrency is { } jobConcurrency)
            {
                CheckCancel(jobConcurrency, job.Node.GetKey("concurrency")!, $"job '{job.Id}'", job.Node, sink);
            }
        }
    }

    private void CheckCancel(YamlNode concurrency, YamlScalar key, string owner, YamlNode? context, FindingSink sink)
    {
        if (concurrency is YamlMapping mapping && mapping.Get("cancel-in-progress") is not null)
        {
            return;
        }

        sink.Report(Rule, key, $"{owner} sets a concurrency group without cancel-in-progress; a new run waits instead of replacing the old one", Severity.Low, Confidence.High, Persona.Pedantic, context);
    }
}
