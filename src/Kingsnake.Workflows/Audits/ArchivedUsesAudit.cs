using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Knowledge;
using Kingsnake.Workflows.Model;
using Kingsnake.Workflows.RepositoryData;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// archived-uses (zizmor.md §2): <c>uses:</c> (or a pre-commit <c>repo:</c>) of a repository on the archived list
/// (Knowledge/Data/archived-actions.txt), or one the repository data marks <c>"archived": true</c>. The data source
/// overrides the list both ways: a repository it says is not archived (any more) is not reported.
/// </summary>
public sealed class ArchivedUsesAudit(IActionRepositoryData? data = null) : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.ArchivedUses;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        foreach (var site in UsesSites.All(target))
        {
            if (site.Uses.Kind == UsesKind.Repository && IsArchived(site.Uses.Slug))
            {
                sink.Report(Rule, site.Node, $"{site.Uses.Slug} is archived: it gets no fixes, security fixes included", Severity.Medium, Confidence.High, context: site.Context);
            }
        }

        foreach (var repo in target.PreCommit?.Repos ?? [])
        {
            if (repo.GitHubSlug is { } slug && IsArchived(slug))
            {
                sink.Report(Rule, repo.Repo, $"hook repository {slug} is archived: it gets no fixes, security fixes included", Severity.Medium, Confidence.High, context: repo.Node);
            }
        }
    }

    private bool IsArchived(string slug) => data?.IsArchived(slug) ?? ActionLists.Archived.Contains(slug);
}
