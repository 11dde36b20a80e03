using System.Globalization;
using Kingsnake.Posture.Scoring;
using Kingsnake.Project.Git;

namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>
/// Scorecard's Maintained, from the clone: <c>min(10, floor(10·c/12))</c> where c counts the last 30 commits whose
/// committer date falls within the 90 days before <see cref="PostureContext.Now"/> (12 is Scorecard's integer 90/7);
/// 0 when the repository's first commit is less than 90 days old (Scorecard: "created &lt; 90 days ago"). Scorecard
/// adds issues with collaborator activity and zeroes archived repositories; neither can be read offline, so the score
/// is a lower bound. The creation date is the root commit's author or committer date, whichever is earlier (a history
/// rewritten by rebase keeps its authors' dates), found in the bounded history; a shallow clone or a history longer
/// than the bound only shows that the repository is at least as old as its oldest commit read.
/// </summary>
public sealed class MaintainedCheck : IPostureCheck
{
    /// <summary>Scorecard's look-back: 90 days.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(90);

    /// <summary>Commits (plus issues, on Scorecard) per 90 days for full marks: the integer 90/7.</summary>
    public const int FullMarks = 12;

    public string Name => "Maintained";

    public CheckRisk Risk => CheckRisk.High;

    public CheckOrigin Origin => CheckOrigin.Scorecard;

    public string Description => "The project has commits within the last 90 days and is older than 90 days.";

    public CheckResult Run(PostureContext context)
    {
        if (PostureHistory.WithoutRecentHistory(this, context) is { } unjudged)
        {
            return unjudged;
        }

        var recent = context.RecentCommits;

        var threshold = context.Now - Window;
        var history = PostureHistory.Bounded(context);
        if (history.Error is not null)
        {
            return CheckResult.Failed(this, "the history could not be read: " + history.Error);
        }

        var evidence = new List<CheckEvidence>();
        var roots = history.Roots.ToList();
        if (roots.Count > 0 && !history.Truncated)
        {
            var first = roots.MinBy(Created)!;
            var created = Created(first);
            evidence.Add(new CheckEvidence($"first commit {Day(created)}: {first.Subject}") { Commit = first.Id, Negative = created > threshold });
            if (created > threshold)
            {
                var days = (int)Math.Floor((context.Now - created).TotalDays);
                return CheckResult.Scored(
                    this,
                    0,
                    $"created < 90 days ago: the first commit is {days} days before {Day(context.Now)}, so Scorecard gives 0 whatever the activity",
                    $"nothing to change: the check counts commits from {Day(created + Window)} (90 days after the first commit) on",
                    evidence);
            }
        }
        else if (history.Commits.Count > 0)
        {
            var oldest = history.Commits.MinBy(commit => commit.Committer.When)!;
            var why = history.Shallow ? "shallow clone" : $"history longer than {PostureHistory.MaxHistoryCommits:N0} commits";
            evidence.Add(new CheckEvidence($"oldest commit read {Day(oldest.Committer.When)} ({why}; the first commit is older)") { Commit = oldest.Id });
        }

        var counted = recent.Where(commit => commit.Committer.When > threshold).ToList();
        evidence.AddRange(counted.Select(commit => new CheckEvidence($"committed {Day(commit.Committer.When)}: {commit.Subject}") { Commit = commit.Id }));
        var score = Math.Min(10, 10 * counted.Count / FullMarks);
        var reason = string.Create(
            CultureInfo.InvariantCulture,
            $"{counted.Count} of the last {recent.Count} commits within 90 days before {Day(context.Now)}: min(10, floor(10·{counted.Count}/{FullMarks})) = {score}; a lower bound, issue activity is not counted offline");
        var next = counted.Count == 0
            ? "no commit in 90 days: commit or merge at least 12 changes within 90 days (issue activity by collaborators also counts on Scorecard)"
            : $"commit or merge at least {FullMarks} changes within 90 days ({counted.Count} now); issue activity by collaborators also counts on Scorecard";
        return CheckResult.Scored(this, score, reason, next, evidence);
    }

    private static DateTimeOffset Created(GitCommit commit) => commit.Author.When < commit.Committer.When ? commit.Author.When : commit.Committer.When;

    private static string Day(DateTimeOffset when) => when.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
