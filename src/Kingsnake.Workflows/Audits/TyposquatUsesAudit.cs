using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Packaging.Names;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Knowledge;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// typosquat-uses (zizmor.md §2, offline form): an <c>owner/repo</c> one edit (insertion, deletion, substitution or
/// swap of neighbours) away from a popular action's, and not itself popular. Offline the repository's existence
/// cannot be checked, so confidence is low.
/// </summary>
public sealed class TyposquatUsesAudit : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.TyposquatUses;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        foreach (var site in UsesSites.All(target))
        {
            if (site.Uses.Kind != UsesKind.Repository || !site.Uses.IsWellFormed)
            {
                continue;
            }

            var slug = site.Uses.Slug;
            var popular = ActionLists.Popular;
            if (popular.Contains(slug))
            {
                continue;
            }

            foreach (var candidate in popular)
            {
                if (OneEditApart(slug, candidate))
                {
                    sink.Report(Rule, site.Node, $"{slug} is one letter away from the popular {candidate}; check that it is the action you meant", Severity.High, Confidence.Low, context: site.Context);
                    break;
                }
            }
        }
    }

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> differ by exactly one insertion, deletion, substitution or adjacent swap.</summary>
    internal static bool OneEditApart(string a, string b) => EditDistance.OptimalStringAlignment(a, b, maxDistance: 1) == 1;
}
