using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Audits;

/// <summary>forbidden-uses (zizmor.md §2): repository <c>uses:</c> outside the configured allow list, or on the deny list. Off unless configured.</summary>
public sealed class ForbiddenUsesAudit(UsesPolicy policy) : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.ForbiddenUses;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        if (!policy.IsActive)
        {
            return;
        }

        foreach (var site in UsesSites.All(target))
        {
            if (site.Uses.Kind == UsesKind.Repository && policy.Forbids(site.Uses.ActionName) is { } why)
            {
                sink.Report(Rule, site.Node, $"{site.Uses.ActionName} is forbidden here: {why}", Severity.High, Confidence.High, context: site.Context);
            }
        }

        foreach (var repo in target.PreCommit?.Repos ?? [])
        {
            if (repo.GitHubSlug is { } slug && policy.Forbids(slug) is { } why)
            {
                sink.Report(Rule, repo.Repo, $"hook repository {slug} is forbidden here: {why}", Severity.High, Confidence.High, context: repo.Node);
            }
        }
    }
}
