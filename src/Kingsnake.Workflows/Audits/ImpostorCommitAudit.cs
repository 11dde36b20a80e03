using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Knowledge;
using Kingsnake.Workflows.Model;
using Kingsnake.Workflows.RepositoryData;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// impostor-commit (zizmor.md §2): a SHA pin (<c>uses:</c> or pre-commit <c>rev:</c>) that no branch or tag of the named
/// repository reaches, i.e. a commit GitHub serves from a fork. Only reported when the repository data can tell
/// (<see cref="IActionRepositoryData.IsReachable"/> is false) and no local fact names the commit as a release tag.
/// </summary>
public sealed class ImpostorCommitAudit(IActionRepositoryData data, ActionCommitIndex commits) : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.ImpostorCommit;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        foreach (var site in PinnedRefSites.All(target))
        {
            if (site.RefKind != UsesRefKind.CommitSha)
            {
                continue;
            }

            var sha = site.Ref.ToLowerInvariant();
            if (data.IsReachable(site.Repository, sha) != false || commits.TagsAt(site.Repository, sha).Count > 0)
            {
                continue;
            }

            sink.Report(
                Rule,
                site.Node,
                $"{site.Display}: commit {sha[..12]} is on no branch or tag of {site.Repository} ({data.Source}); GitHub serves it from a fork, so it runs code the repository's owners never published",
                Severity.High,
                Confidence.High,
                context: site.Context);
        }
    }
}
