using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Knowledge;
using Kingsnake.Workflows.Model;
using Kingsnake.Workflows.RepositoryData;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// stale-action-refs (zizmor.md §2, pedantic): a SHA pin whose commit no tag points at, judged only for repositories
/// whose tags the repository data lists (and never when a local fact names the commit as a tag).
/// </summary>
public sealed class StaleActionRefsAudit(IActionRepositoryData data, ActionCommitIndex commits) : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.StaleActionRefs;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        foreach (var site in PinnedRefSites.All(target))
        {
            if (site.RefKind != UsesRefKind.CommitSha || data.Refs(site.Repository) is not { } refs)
            {
                continue;
            }

            var sha = site.Ref.ToLowerInvariant();
            if (commits.TagsAt(site.Repository, sha).Count > 0 || data.IsReachable(site.Repository, sha) == false)
            {
                // a fork-only commit is impostor-commit's finding, not this one
                continue;
            }

            var branch = refs.Branches.FirstOrDefault(b => b.Value.Equals(sha, StringComparison.OrdinalIgnoreCase)).Key;
            var where = branch is null ? "" : $" (it is the head of branch '{branch}')";
            sink.Report(
                Rule,
                site.Node,
                $"{site.Display}: commit {sha[..12]} is not any tag of {site.Repository}{where} ({data.Source}); pin a release",
                Severity.Low,
                Confidence.High,
                Persona.Pedantic,
                site.Context);
        }
    }
}
