using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Knowledge;
using Kingsnake.Workflows.Model;
using Kingsnake.Workflows.RepositoryData;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// ref-version-mismatch (zizmor.md §2): a SHA-pinned <c>uses:</c> whose <c># vX.Y.Z</c> comment names a different release
/// than the commit is, judged only from facts known locally (<see cref="ActionCommitIndex"/>): the run's action pins
/// (the project's lock file, its clones, the built-in list) and the repository data snapshot. An unknown commit and a
/// floating comment (<c># v4</c>) on a commit of that major line are not reported; a missing or non-version comment is
/// reported to the pedantic persona only (low), as zizmor does.
/// </summary>
public sealed class RefVersionMismatchAudit(ActionCommitIndex commits) : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.RefVersionMismatch;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        foreach (var site in UsesSites.All(target))
        {
            var uses = site.Uses;
            if (uses.Kind != UsesKind.Repository || uses.RefKind != UsesRefKind.CommitSha)
            {
                continue;
            }

            if (VersionComment.After(site.Node, target.Source) is not { } comment || !ActionVersionNumber.TryParse(comment.Text, out var claimed))
            {
                // zizmor's pedantic case: nothing says which release the commit is, so a reviewer cannot tell an
                // upgrade from a swap to another commit
                var said = VersionComment.After(site.Node, target.Source) is { } other ? $"the comment '{other.Text}' is not a version" : "there is no version comment";
                sink.Report(Rule, site.Node, $"{uses.ActionName} is pinned to {uses.Ref![..Math.Min(12, uses.Ref!.Length)]} and {said}; write the release after it (# vX.Y.Z) so reviewers and update bots can check it", Severity.Low, Confidence.High, Persona.Pedantic, site.Context);
                continue;
            }

            var sha = uses.Ref!.ToLowerInvariant();
            var atSha = commits.TagsAt(uses.Slug, sha);
            if (atSha.Any(f => ActionCommitIndex.SameTag(f.Tag, comment.Text)))
            {
                continue;
            }

            var releasesAtSha = atSha
                .Select(f => (Fact: f, Ok: ActionVersionNumber.TryParse(f.Tag, out var v), Version: v))
                .Where(x => x.Ok && x.Version.Precision >= 3)
                .OrderByDescending(x => x.Version)
                .ToList();
            var forTag = commits.CommitsOf(uses.Slug, comment.Text);
            string? why = null;
            var confidence = Confidence.High;
            if (claimed.Precision >= 3)
            {
                if (forTag.Count > 0)
                {
                    var other = forTag[0];
                    why = $"{comment.Text} is commit {other.Sha[..12]} ({other.Origin})";
                }
                else if (releasesAtSha.Count > 0)
                {
                    // the commit is known to be another release; with a complete tag list that is certain, otherwise a
                    // second tag on the same commit cannot be ruled out
                    why = $"{sha[..12]} is {Describe(releasesAtSha.Select(x => x.Fact))}";
                    confidence = commits.KnowsAllTags(uses.Slug) ? Confidence.High : Confidence.Medium;
                }
            }
            else if (releasesAtSha.Count > 0 && !releasesAtSha.Any(x => WithinLine(x.Version, claimed)))
            {
                // '# v3' on a v4.1.7 commit: a floating comment must at least name the right release line
                why = $"{sha[..12]} is {Describe(releasesAtSha.Select(x => x.Fact))}, not a {comment.Text} release";
            }

            if (why is null)
            {
                continue;
            }

            var fix = releasesAtSha.Count > 0 ? FixComment(target.Path, comment, releasesAtSha[0].Fact.Tag, claimed.Precision) : null;
            sink.Report(
                Rule,
                site.Node,
                $"{uses.ActionName} is pinned to {sha[..12]} with the comment '{comment.Text}', but {why}; the comment misleads reviewers and update bots",
                Severity.Medium,
                confidence,
                context: site.Context,
                fix: fix);
        }
    }

    /// <summary>True when <paramref name="version"/> belongs to the release line <paramref name="line"/> (<c>4.1.7</c> is in <c>v4</c> and <c>v4.1</c>).</summary>
    private static bool WithinLine(ActionVersionNumber version, ActionVersionNumber line)
    {
        for (var i = 0; i < line.Precision; i++)
        {
            if (version[i] != line[i])
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(IEnumerable<ActionPin> facts)
    {
        var list = facts.ToList();
        return $"{string.Join(" / ", list.Select(f => f.Tag).Distinct(StringComparer.Ordinal))} ({list[0].Origin})";
    }

    /// <summary>Rewrites the comment to the release the commit is (at the comment's precision for a floating comment).</summary>
    private static Fix FixComment(string path, VersionComment comment, string tag, int precision)
    {
        var replacement = tag;
        if (precision < 3 && ActionVersionNumber.TryParse(tag, out var actual))
        {
            var parts = Enumerable.Range(0, precision).Select(i => actual[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
            replacement = (comment.Text.StartsWith('v') ? "v" : "") + string.Join('.', parts);
        }
        else if (comment.Text.StartsWith('v') != tag.StartsWith('v'))
        {
            replacement = comment.Text.StartsWith('v') ? "v" + tag : tag.TrimStart('v');
        }

        var span = new SourceSpan(path, comment.Line, comment.Column, comment.Line, comment.Column + comment.Text.Length);
        return new Fix($"change the version comment to {replacement}", [new TextEdit(span, replacement)]);
    }
}
