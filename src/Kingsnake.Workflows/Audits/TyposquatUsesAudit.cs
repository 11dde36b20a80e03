using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
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
    internal static bool OneEditApart(string a, string b)
    {
        if (a == b || Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }

        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        if (a.Length == b.Length)
        {
            if (a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i + 1)))
            {
                return true; // substitution
            }

            return i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a.AsSpan(i + 2).SequenceEqual(b.AsSpan(i + 2)); // swap
        }

        return a.Length > b.Length ? a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i)) : a.AsSpan(i).SequenceEqual(b.AsSpan(i + 1));
    }
}
