using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Knowledge;
using Kingsnake.Workflows.Model;
using Kingsnake.Workflows.RepositoryData;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// known-vulnerable-actions (zizmor.md §2): the version a <c>uses:</c> runs is inside an advisory's vulnerable range.
/// The version is resolved as zizmor does: a SHA pin through the tags at that commit, a symbolic ref through its commit
/// to the most precise release tag there, else the ref itself. A floating version (<c>v4</c>) that stays unresolved is
/// reported only when every release it can stand for is vulnerable; an unknown commit is never reported.
/// </summary>
public sealed class KnownVulnerableActionsAudit(IActionRepositoryData data, ActionCommitIndex commits) : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.KnownVulnerableActions;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        foreach (var site in PinnedRefSites.All(target))
        {
            var advisories = data.Advisories(site.Repository).Where(a => a.Covers(site.ActionName)).ToList();
            if (advisories.Count == 0 || Resolve(site) is not { } resolved)
            {
                continue;
            }

            foreach (var advisory in advisories)
            {
                var affected = resolved.Version.Precision >= 3 ? advisory.Vulnerable.Contains(resolved.Version) : advisory.Vulnerable.ContainsEvery(resolved.Version);
                if (!affected)
                {
                    continue;
                }

                var fixedIn = advisory.FirstPatched is { } patched ? $"fixed in {patched}" : "no fixed version yet";
                var summary = advisory.Summary.Length > 0 ? $" ({advisory.Summary})" : "";
                sink.Report(
                    Rule,
                    site.Node,
                    $"{site.Display} runs {resolved.Tag}, affected by {advisory.Id}{summary}: vulnerable {advisory.Vulnerable}, {fixedIn}",
                    advisory.Severity,
                    Confidence.High,
                    context: site.Context,
                    fingerprint: $"{site.Display} {advisory.Id}");
            }
        }
    }

    private (string Tag, ActionVersionNumber Version)? Resolve(PinnedRefSite site)
    {
        var commit = site.RefKind == UsesRefKind.CommitSha ? site.Ref.ToLowerInvariant()
            : data.Refs(site.Repository)?.Tags.TryGetValue(site.Ref, out var tagged) == true ? tagged : null;
        if (commit is not null)
        {
            var best = commits.TagsAt(site.Repository, commit)
                .Select(f => (f.Tag, Ok: ActionVersionNumber.TryParse(f.Tag, out var v), Version: v))
                .Where(x => x.Ok)
                .OrderByDescending(x => x.Version.Precision)
                .ThenByDescending(x => x.Version)
                .FirstOrDefault();
            if (best.Ok)
            {
                return (best.Tag, best.Version);
            }

            if (site.RefKind == UsesRefKind.CommitSha)
            {
                return null;
            }
        }

        return site.RefKind != UsesRefKind.CommitSha && ActionVersionNumber.TryParse(site.Ref, out var version) ? (site.Ref, version) : null;
    }
}
