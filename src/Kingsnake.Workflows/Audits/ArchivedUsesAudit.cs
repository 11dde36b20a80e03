using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Knowledge;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Audits;

/// <summary>archived-uses (zizmor.md §2): <c>uses:</c> (or a pre-commit <c>repo:</c>) of a repository on the archived list (Knowledge/Data/archived-actions.txt).</summary>
public sealed class ArchivedUsesAudit : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.ArchivedUses;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        foreach (var site in UsesSites.All(target))
        {
            if (site.Uses.Kind == UsesKind.Repository && ActionLists.Archived.Contains(site.Uses.Slug))
            {
                sink.Report(Rule, site.Node, $"{site.Uses.Slug} is archived: it gets no fixes, security fixes included", Severity.Medium, Confidence.High, context: site.Context);
            }
        }

        foreach (var repo in target.PreCommit?.Repos ?? [])
        {
            if (repo.GitHubSlug is { } slug && ActionLists.Archived.Contains(slug))
            {
                sink.Report(Rule, repo.Repo, $"hook repository {slug} is archived: it gets no fixes, security fixes included", Severity.Medium, Confidence.High, context: repo.Node);
            }
        }
    }
}
