using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Model;
using Kingsnake.Workflows.RepositoryData;

namespace Kingsnake.Workflows.Audits;

/// <summary>ref-confusion (zizmor.md §2): a symbolic ref that the repository has both as a tag and as a branch.</summary>
public sealed class RefConfusionAudit(IActionRepositoryData data) : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.RefConfusion;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        foreach (var site in PinnedRefSites.All(target))
        {
            if (site.RefKind is UsesRefKind.CommitSha or UsesRefKind.None || data.Refs(site.Repository) is not { } refs)
            {
                continue;
            }

            var name = site.Ref;
            if (refs.Tags.ContainsKey(name) && refs.Branches.ContainsKey(name))
            {
                sink.Report(
                    Rule,
                    site.Node,
                    $"{site.Display}: '{name}' is both a tag and a branch of {site.Repository} ({data.Source}); which one runs is not what the reader assumes",
                    Severity.Medium,
                    Confidence.High,
                    context: site.Context);
            }
        }
    }
}
