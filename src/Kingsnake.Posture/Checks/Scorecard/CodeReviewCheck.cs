using System.Globalization;
using System.Text.RegularExpressions;
using Kingsnake.Core.Findings;
using Kingsnake.Posture.Scoring;
using Kingsnake.Project.Git;

namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>
/// Scorecard's Code-Review, from the clone: the last 30 commits are grouped into changesets and the score is
/// <c>floor(10·reviewed/total)</c> over the changesets not made by bots; no human changeset leaves the check out.
/// <list type="bullet">
/// <item>A merge commit of a pull request (GitHub <c>Merge pull request #N</c>, GitLab <c>See merge request …!N</c>)
/// is one changeset with the window's commits it merged. Scorecard reads the request's approvals from the forge; a
/// clone holds none, so the approximation is the merger: the request counts as reviewed when whoever merged it (the
/// merge's author, and its committer unless that is GitHub's web interface) is none of the merged commits' authors
/// (same e-mail or same name is the same person). A request merged by its own author counts as unreviewed even if
/// someone approved it on the forge.</item>
/// <item>A pull request squash-merged by GitHub (<c>Title (#N)</c> committed by <c>noreply@github.com</c>) is a
/// changeset whose review a clone cannot show: it counts as unreviewed, and the reason says how many there are.</item>
/// <item>Gerrit (<c>Reviewed-on:</c> and <c>Reviewed-by:</c> trailers), Phabricator (<c>Differential Revision: … D&lt;n&gt;</c>)
/// and Piper (<c>PiperOrigin-RevId:</c>) commits are reviewed, as on Scorecard. Prow's labels need the forge.</item>
/// <item>Any other commit is its own unreviewed changeset. Changesets whose authors are all bots are skipped.</item>
/// </list>
/// </summary>
public sealed partial class CodeReviewCheck : IPostureCheck
{
    public string Name => "Code-Review";

    public CheckRisk Risk => CheckRisk.High;

    public CheckOrigin Origin => CheckOrigin.Scorecard;

    public string Description => "Changes are reviewed by someone other than their author before they land.";

    public CheckResult Run(PostureContext context)
    {
        if (PostureHistory.WithoutRecentHistory(this, context) is { } unjudged)
        {
            return unjudged;
        }

        IReadOnlyList<Changeset> changesets;
        try
        {
            changesets = Changesets(context.Repository!, context.RecentCommits); // a repository: WithoutRecentHistory checked it
        }
        catch (InputFormatException ex)
        {
            return CheckResult.Failed(this, "the history could not be read: " + ex.Message);
        }

        var evidence = changesets.Select(changeset => new CheckEvidence(Describe(changeset)) { Commit = changeset.Head.Id, Negative = !changeset.Reviewed && !changeset.Bot }).ToList();
        var human = changesets.Where(changeset => !changeset.Bot).ToList();
        var bots = changesets.Count - human.Count;
        if (human.Count == 0)
        {
            return CheckResult.NotApplicable(this, $"no human changeset in the last {context.RecentCommits.Count} commits ({bots} bot changesets skipped)", evidence);
        }

        var reviewed = human.Count(changeset => changeset.Reviewed);
        var squashed = human.Count(changeset => changeset.Kind == ChangesetKind.SquashedRequest);
        var score = 10 * reviewed / human.Count;
        var reason = string.Create(
            CultureInfo.InvariantCulture,
            $"{reviewed} of {human.Count} changesets in the last {context.RecentCommits.Count} commits reviewed: floor(10·{reviewed}/{human.Count}) = {score}")
            + (squashed > 0 ? $"; {squashed} squash-merged pull requests counted unreviewed (their review is not in a clone)" : "")
            + (bots > 0 ? $"; {bots} bot changesets skipped" : "")
            + "; a merged request counts as reviewed when merged by someone other than its authors";
        return CheckResult.Scored(
            this,
            score,
            reason,
            "merge changes through pull requests reviewed and merged by a second maintainer (not the author), or record reviews with Gerrit's Reviewed-by trailers",
            evidence);
    }

    /// <summary>The changesets of <paramref name="window"/>, in the order of their newest commit in it.</summary>
    public static IReadOnlyList<Changeset> Changesets(GitRepository repository, IReadOnlyList<GitCommit> window)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(window);
        var position = window.Select((commit, index) => (commit.Id, index)).ToDictionary(pair => pair.Id, pair => pair.index, StringComparer.Ordinal);
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var changesets = new List<Changeset>();
        GitObjectStore? store = null;
        try
        {
            // merged requests first: they claim the window's commits they merged, wherever those sit in the window
            foreach (var commit in window)
            {
                if (commit.ParentIds.Count < 2 || claimed.Contains(commit.Id) || MergedRequest(commit.Message) is not { } request)
                {
                    continue;
                }

                store ??= repository.OpenObjects();
                var merged = MergedBranch.Commits(store, commit);
                claimed.Add(commit.Id);
                var members = new List<GitCommit> { commit };
                members.AddRange(merged.Where(branchCommit => position.ContainsKey(branchCommit.Id) && claimed.Add(branchCommit.Id)));
                changesets.Add(Request(commit, request, merged, members));
            }
        }
        finally
        {
            store?.Dispose();
        }

        foreach (var commit in window.Where(commit => !claimed.Contains(commit.Id)))
        {
            changesets.Add(Single(commit));
        }

        return [.. changesets.OrderBy(changeset => position[changeset.Head.Id])];
    }

    private static Changeset Request(GitCommit merge, string request, IReadOnlyList<GitCommit> merged, IReadOnlyList<GitCommit> members)
    {
        if (merged.Count == 0)
        {
            return new Changeset(ChangesetKind.MergedRequest, merge, members, false, PostureHistory.IsBot(merge.Author), $"{request}: its commits are not in the clone, so its authors are unknown");
        }

        var mergers = new List<GitPerson> { merge.Author };
        if (!IsGitHub(merge.Committer))
        {
            mergers.Add(merge.Committer);
        }

        var bot = merged.All(commit => PostureHistory.IsBot(commit.Author));
        var selfMerged = merged.FirstOrDefault(commit => mergers.Any(merger => PostureHistory.SamePerson(merger, commit.Author)));
        return selfMerged is null
            ? new Changeset(ChangesetKind.MergedRequest, merge, members, true, bot, $"{request}: merged by {merge.Author.Name}, not an author of its {merged.Count} commits")
            : new Changeset(ChangesetKind.MergedRequest, merge, members, false, bot, $"{request}: merged by its author {selfMerged.Author.Name}");
    }

    private static Changeset Single(GitCommit commit)
    {
        var bot = PostureHistory.IsBot(commit.Author);
        var message = commit.Message;
        if (SquashedRequest().Match(commit.Subject) is { Success: true } squash && IsGitHub(commit.Committer))
        {
            return new Changeset(ChangesetKind.SquashedRequest, commit, [commit], false, bot, $"pull request #{squash.Groups[1].Value} squash-merged on GitHub: its review is not in a clone, counted unreviewed");
        }

        if (GerritReviewedOn().IsMatch(message) && GerritReviewedBy().IsMatch(message))
        {
            return new Changeset(ChangesetKind.Gerrit, commit, [commit], true, bot, "Gerrit change with Reviewed-on and Reviewed-by trailers");
        }

        if (PhabricatorRevision().Match(message) is { Success: true } revision)
        {
            return new Changeset(ChangesetKind.Phabricator, commit, [commit], true, bot, $"Phabricator revision {revision.Groups[1].Value}");
        }

        if (PiperRevision().IsMatch(message))
        {
            return new Changeset(ChangesetKind.Piper, commit, [commit], true, bot, "Piper change (PiperOrigin-RevId)");
        }

        return new Changeset(ChangesetKind.Commit, commit, [commit], false, bot, "committed directly, no sign of a review");
    }

    /// <summary>The request a merge message names (<c>pull request #12</c>, <c>merge request group/project!12</c>), or null.</summary>
    private static string? MergedRequest(string message)
    {
        if (GitHubMerge().Match(message) is { Success: true } github)
        {
            return $"pull request #{github.Groups[1].Value}";
        }

        return GitLabMerge().Match(message) is { Success: true } gitlab ? $"merge request {gitlab.Groups[1].Value}" : null;
    }

    private static bool IsGitHub(GitPerson person) => person.Email.Equals("noreply@github.com", StringComparison.OrdinalIgnoreCase);

    private static string Describe(Changeset changeset)
    {
        var subject = changeset.Head.Subject.Length > 100 ? changeset.Head.Subject[..100] + "…" : changeset.Head.Subject;
        var status = changeset.Bot ? "bot, skipped" : changeset.Reviewed ? "reviewed" : "unreviewed";
        var size = changeset.Commits.Count > 1 ? $" ({changeset.Commits.Count} commits in the window)" : "";
        return $"{status}: {changeset.Why}{size} — {subject}";
    }

    [GeneratedRegex(@"\AMerge pull request #(\d+) from \S", RegexOptions.CultureInvariant)]
    private static partial Regex GitHubMerge();

    [GeneratedRegex(@"^See merge request (\S*!\d+)\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex GitLabMerge();

    [GeneratedRegex(@"\(#(\d+)\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex SquashedRequest();

    [GeneratedRegex(@"^Reviewed-on:\s*\S", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex GerritReviewedOn();

    [GeneratedRegex(@"^Reviewed-by:\s*\S", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex GerritReviewedBy();

    [GeneratedRegex(@"^Differential Revision:[^\r\n]*\b(D\d+)\b", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex PhabricatorRevision();

    [GeneratedRegex(@"^PiperOrigin-RevId:\s*\d+", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex PiperRevision();
}
