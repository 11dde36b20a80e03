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
        string? noFix = null; // why narrowing the permissions could break a job, when it could
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
            var fix = reusableOnly ? null : LeastPrivilegeFix(target, workflow, out noFix);
            sink.Report(Rule, workflow.OnKey ?? workflow.Root.Entries[0].Key, "the workflow has no permissions: block, so every job without its own gets the repository's default GITHUB_TOKEN permissions" + (quiet ? "" : NoFixNote(noFix)), Severity.Medium, Confidence.Medium, quiet ? Persona.Pedantic : Persona.Regular, fix: quiet ? null : fix);
            jobFix = quiet ? fix : null;
            noFix = quiet ? noFix : null; // said once, on the finding that would have carried the fix
        }

        foreach (var job in workflow.Jobs)
        {
            if (job.Permissions is { } jobPermissions)
            {
                ReportBlock(sink, jobPermissions, $"job '{job.Id}'", workflowLevel: false, Persona.Regular);
            }
            else if (workflow.Permissions is null && !reusableOnly)
            {
                sink.Report(Rule, job.IdNode, $"job '{job.Id}' runs with the repository's default GITHUB_TOKEN permissions (no permissions: here or at the workflow level)" + NoFixNote(noFix), Severity.Medium, Confidence.Medium, context: job.Node, fix: jobFix);
                jobFix = null;
                noFix = null;
            }
        }
    }

    /// <summary>
    /// The fix: a workflow-level <c>permissions: contents: read</c> block inserted before <c>jobs:</c> (above the comments
    /// that lead into it), indented like the jobs. A job that this would leave without a scope it uses (it pushes, tags,
    /// releases, comments: <see cref="TokenUse"/>) gets its own block with those scopes (and <c>contents: read</c>) before
    /// its <c>steps:</c>, so it keeps working. Null, with <paramref name="why"/> set, when some job's needs cannot be
    /// told (a reusable workflow call, <c>gh api</c>, github-script, an action handed the token): narrowing could
    /// then break it, and the finding is reported without an edit.
    /// </summary>
    private static Fix? LeastPrivilegeFix(AuditTarget target, WorkflowFile workflow, out string? why)
    {
        why = null;
        if (workflow.Root.GetKey("jobs") is not { } jobsKey || !YamlEdits.IsBlockMapping(target, workflow.Root) || workflow.Root.Get("jobs") is not YamlMapping jobs
            || !YamlEdits.IsBlockMapping(target, jobs))
        {
            return null;
        }

        var rootIndent = new string(' ', jobsKey.Start.Column - 1);
        var step = new string(' ', jobs.Entries[0].Key.Start.Column - jobsKey.Start.Column);
        var edits = new List<TextEdit>();
        foreach (var job in workflow.Jobs.Where(j => j.Permissions is null))
        {
            if (job is not NormalJob normal)
            {
                why = $"job '{job.Id}' calls a reusable workflow, whose needs are not known here";
                return null;
            }

            var use = TokenUse.Of(target, normal, normal.Steps);
            if (use.Unknown is { } unknown)
            {
                why = $"in job '{job.Id}', {unknown}";
                return null;
            }

            if (use.Scopes.All(s => s.Key == "contents" && s.Value == "read"))
            {
                continue;
            }

            if (normal.Node.GetKey("steps") is not { } stepsKey || !YamlEdits.IsBlockMapping(target, normal.Node))
            {
                return null;
            }

            var indent = new string(' ', stepsKey.Start.Column - 1);
            var unit = new string(' ', Math.Max(2, stepsKey.Start.Column - normal.IdNode.Start.Column));
            var block = new System.Text.StringBuilder().Append(indent).Append("permissions:\n");
            var scopes = use.Scopes.ContainsKey("contents") ? use.Scopes : new Dictionary<string, string>(use.Scopes) { ["contents"] = "read" };
            foreach (var (scope, level) in scopes.OrderBy(s => s.Key == "contents" ? "" : s.Key, StringComparer.Ordinal))
            {
                block.Append(indent).Append(unit).Append(scope).Append(": ").Append(level).Append('\n');
            }

            edits.Add(YamlEdits.InsertLinesBefore(target, stepsKey, block.ToString()));
        }

        var firstLine = jobsKey.Start.Line;
        while (firstLine > 1 && target.Source.Line(firstLine - 1).TrimStart().StartsWith("#"))
        {
            firstLine--;
        }

        var blankBefore = firstLine > 1 && target.Source.Line(firstLine - 1).IsWhiteSpace();
        var workflowBlock = $"{rootIndent}permissions:\n{rootIndent}{step}contents: read\n{(blankBefore ? "\n" : "")}";
        edits.Insert(0, YamlEdits.InsertLinesBefore(target, jobsKey, workflowBlock));
        var description = edits.Count == 1
            ? "declare least-privilege permissions (contents: read) for the workflow"
            : "declare least-privilege permissions (contents: read) for the workflow, and give the jobs that write their own block with the scopes they use";
        return new Fix(description, edits);
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

    private static string NoFixNote(string? why) => why is null ? "" : $"; no automatic fix, since narrowing could break a job that uses the token: {why}";

    /// <summary>zizmor's per-scope severities for write grants (zizmor.md §2, excessive-permissions).</summary>
    internal static Severity ScopeSeverity(string scope) => scope switch
    {
        "contents" or "actions" or "id-token" or "packages" or "pages" or "pull-requests" or "issues" or "deployments" or "attestations" => Severity.High,
        "statuses" or "models" => Severity.Low,
        _ => Severity.Medium,
    };
}
