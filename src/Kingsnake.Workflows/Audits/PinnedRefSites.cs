using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Audits;

/// <summary>A repository and ref a file runs code from: a <c>uses:</c> (step, composite step, reusable call) or a pre-commit <c>repo:</c>/<c>rev:</c>.</summary>
internal readonly record struct PinnedRefSite(string Repository, string ActionName, string Ref, UsesRefKind RefKind, YamlNode Node, YamlNode Context, string Display);

internal static class PinnedRefSites
{
    public static IEnumerable<PinnedRefSite> All(AuditTarget target)
    {
        foreach (var site in UsesSites.All(target))
        {
            var uses = site.Uses;
            if (uses.Kind == UsesKind.Repository && uses.IsWellFormed && uses.Ref is { } reference && !uses.Raw.Contains("${{", StringComparison.Ordinal))
            {
                yield return new PinnedRefSite(uses.Slug, uses.ActionName, reference, uses.RefKind, site.Node, site.Context, uses.Raw);
            }
        }

        foreach (var repo in target.PreCommit?.Repos ?? [])
        {
            if (repo.GitHubSlug is { } slug && repo.Rev is { } rev && rev.Value.Length > 0)
            {
                yield return new PinnedRefSite(slug.ToLowerInvariant(), slug.ToLowerInvariant(), rev.Value, UsesReference.ClassifyRef(rev.Value), rev, repo.Node, $"{slug}@{rev.Value}");
            }
        }
    }
}
