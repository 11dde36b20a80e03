using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// excessive-permissions, with zizmor's grades (zizmor.md §2): workflow-level <c>write-all</c>, <c>read-all</c>,
/// write scopes and a missing block; job-level <c>write-all</c>, <c>read-all</c> and default permissions with no
/// block above. The workflow-level "missing" finding is pedantic when a job-level finding says it better.
/// </summary>
public sealed class ExcessivePermissionsAudit : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.ExcessivePermissions;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        if (target.Workflow is not { } workflow)
        {
            return;
        }

        // a reusable workflow runs with what its caller grants, so its caller is where permissions are judged
        var reusableOnly = workflow.IsReusableOnly;
        Fix? jobFix = null; // offered once, on the first job finding, when the workflow-level finding is pedantic
        if (workflow.Permissions is { } permissions)
        {
            // with one job, or with every job declaring its own block, workflow-level scopes are that job's (or
            // unused): a code smell, not a grant to every job
            var scopesArePedantic = reusableOnly || workflow.Jobs.Count <= 1 || workflow.Jobs.All(j => j.Permissions is not null);
            ReportBlock(sink, permissions, "the workflow", workflowLevel: true, scopesArePedantic ? Persona.Pedantic : Persona.Regular);
        }
        else if (workflow.Jobs.Count > 0)
        {
            var quiet = reusableOnly || workflow.Jobs.Count == 1 || workflow.Jobs.All(j => j.Permissions is not null);
            var fix = quiet ? null : LeastPrivilegeFix(target, workflow);
            sink.Report(Rule, workflow.OnKey ?? workflow.Root.Entries[0].Key, "the workflow has no permissions: block, so every job without its own gets the repository's default GITHUB_TOKEN permissions", Severity.Medium, Confidence.Medium, quiet ? Persona.Pedantic : Persona.Regular, fix: fix);
            jobFix = quiet && !reusableOnly ? LeastPrivilegeFix(target, workflow) : null;
        }

        foreach (var job in workflow.Jobs)
        {
            if (job.Permissions is { } jobPermissions)
            {
                ReportBlock(sink, jobPermissions, $"job '{job.Id}'", workflowLevel: false, Persona.Regular);
            }
            else if (workflow.Permissions is null && !reusableOnly)
            {
                sink.Report(Rule, job.IdNode, $"job '{job.Id}' runs with the repository's default GITHUB_TOKEN permissions (no permissions: here or at the workflow level)", Severity.Medium, Confidence.Medium, context: job.Node, fix: jobFix);
                jobFix = null;
            }
        }
    }

    /// <summary>
    /// The fix: a workflow-level <c>permissions: contents: read</c> block inserted before <c>jobs:</c> (above the comments
    /// that lead into it), indented like the jobs. Jobs that need more must then declare it themselves, so the edit is
    /// unsafe in zizmor's sense: it can break a job that relied on the default write token.
    /// </summary>
    private static Fix? LeastPrivilegeFix(AuditTarget target, WorkflowFile workflow)
    {
        if (workflow.Root.GetKey("jobs") is not { } jobsKey || !YamlEdits.IsBlockMapping(target, workflow.Root) || workflow.Root.Get("jobs") is not YamlMapping jobs
            || !YamlEdits.IsBlockMapping(target, jobs))
        {
            return null;
        }

        var rootIndent = new string(' ', jobsKey.Start.Column - 1);
        var step = new string(' ', jobs.Entries[0].Key.Start.Column - jobsKey.Start.Column);
        var firstLine = jobsKey.Start.Line;
        while (firstLine > 1 && target.Source.Line(firstLine - 1).TrimStart().StartsWith("#"))
        {
            firstLine--;
        }

        var blankBefore = firstLine > 1 && target.Source.Line(firstLine - 1).IsWhiteSpace();
        var block = $"{rootIndent}permissions:\n{rootIndent}{step}contents: read\n{(blankBefore ? "\n" : "")}";
        return new Fix("declare least-privilege permissions (contents: read) for the workflow", [YamlEdits.InsertLinesBefore(target, jobsKey, block)]);
    }

    private void ReportBlock(FindingSink sink, Permissions permissions, string owner, bool workflowLevel, Persona scopePersona)
    {
        switch (permissions.Kind)
        {
            case PermissionsKind.WriteAll:
                sink.Report(Rule, permissions.Node, $"{owner} grants write-all: every scope of the GITHUB_TOKEN can write", Severity.High, Confidence.High);
                break;
            case PermissionsKind.ReadAll:
                sink.Report(Rule, permissions.Node, $"{owner} grants read-all: every scope is readable, including ones no step needs", Severity.Medium, Confidence.High);
                break;
            case PermissionsKind.Explicit when workflowLevel:
                foreach (var scope in permissions.Scopes.Where(s => s.IsWrite))
                {
                    sink.Report(Rule, scope.Key.Start, scope.Value.End, $"{owner} grants {scope.Name}: write to every job; grant it only to the job that needs it", ScopeSeverity(scope.Name), Confidence.High, scopePersona);
                }

                break;
        }
    }

    /// <summary>zizmor's per-scope severities for write grants (zizmor.md §2, excessive-permissions).</summary>
    internal static Severity ScopeSeverity(string scope) => scope switch
    {
        "contents" or "actions" or "id-token" or "packages" or "pages" or "pull-requests" or "issues" or "deployments" or "attestations" => Severity.High,
        "statuses" or "models" => Severity.Low,
        _ => Severity.Medium,
    };
}
