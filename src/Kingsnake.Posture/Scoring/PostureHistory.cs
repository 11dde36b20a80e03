using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Kingsnake.Core.Findings;
using Kingsnake.Project.Git;

namespace Kingsnake.Posture.Scoring;

/// <summary>
/// What the history checks read from git beyond <see cref="PostureContext.RecentCommits"/>: a bounded longer history
/// (for the first commit, contributors, Dependabot's commits), the release tags with their tag objects, and who is a
/// bot or the same person. Each part is read once per context and shared by the checks that need it.
/// </summary>
public static partial class PostureHistory
{
    /// <summary>The most commits read from HEAD for whole-history questions: enough for most projects, bounded for any.</summary>
    public const int MaxHistoryCommits = 10_000;

    /// <summary>The most version-like tags whose objects are read to find the newest; a real project has far fewer.</summary>
    public const int MaxReleaseTagsRead = 10_000;


    private static readonly ConditionalWeakTable<PostureContext, BoundedHistory> Histories = [];
    private static readonly ConditionalWeakTable<PostureContext, IReadOnlyList<ReleaseTag>> Releases = [];

    /// <summary>
    /// The history from HEAD, at most <see cref="MaxHistoryCommits"/> commits, read once per context. Empty without
    /// a repository; with the error when the history cannot be read.
    /// </summary>
    public static BoundedHistory Bounded(PostureContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Histories.GetValue(context, ReadBounded);
    }

    /// <summary>
    /// Why the recent history could not be read, when <see cref="PostureContext.RecentCommits"/> came back empty from a
    /// repository that has a HEAD commit (the context hides the error); null when there is nothing wrong.
    /// </summary>
    public static string? RecentHistoryError(PostureContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Repository is not { } repository || context.RecentCommits.Count > 0)
        {
            return null;
        }

        try
        {
            return repository.History(1).Count == 0 && repository.HeadCommit() is { } head ? $"HEAD names commit {head}, which the repository does not hold" : null;
        }
        catch (InputFormatException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>
    /// The result a check of the recent history gives when there is none to judge — not a git repository (not
    /// applicable), a shallow clone's cut (not computed, with what to fetch), no commits yet, or a history that cannot
    /// be read (an error) — or null when <see cref="PostureContext.RecentCommits"/> is there to judge.
    /// </summary>
    public static CheckResult? WithoutRecentHistory(IPostureCheck check, PostureContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Repository is null)
        {
            return CheckResult.NotApplicable(check, "not a git repository");
        }

        if (ShallowCut(context) is { } cut)
        {
            return CheckResult.NotComputed(check, cut);
        }

        if (context.RecentCommits.Count == 0)
        {
            return RecentHistoryError(context) is { } error
                ? CheckResult.Failed(check, "the history could not be read: " + error)
                : CheckResult.NotApplicable(check, "the repository has no commits yet");
        }

        return null;
    }

    /// <summary>
    /// Why the history cannot be judged, when it is a shallow clone's cut (CI checkouts fetch one commit by default):
    /// with <paramref name="wholeHistory"/> any cut; otherwise a cut that leaves fewer commits than Scorecard's window
    /// of 30. Null when the history is all there. A score from a cut history would be a false 0, so the checks say
    /// what to fetch instead.
    /// </summary>
    public static string? ShallowCut(PostureContext context, bool wholeHistory = false)
    {
        if (context.Repository is not { } repository || repository.ShallowCommits().Count == 0)
        {
            return null;
        }

        var count = context.RecentCommits.Count;
        return wholeHistory || count < PostureContext.ScorecardCommitWindow
            ? $"a shallow clone: {(wholeHistory ? "its history is cut" : $"only {count} commit{(count == 1 ? "" : "s")} of history")}; fetch it all (`git fetch --unshallow`, or `fetch-depth: 0` in actions/checkout) to judge this"
            : null;
    }

    /// <summary>
    /// True when a commit authored by Dependabot is among the last <see cref="PostureContext.ScorecardCommitWindow"/>
    /// commits or the bounded history: Scorecard's Dependency-Update-Tool accepts Dependabot commits (found through the
    /// search API) when no configuration file is present; this is its offline stand-in.
    /// </summary>
    public static bool HasDependabotCommits(PostureContext context) => NewestDependabotCommit(context) is not null;

    /// <summary>The newest commit authored by Dependabot (see <see cref="HasDependabotCommits"/>), for evidence; null when none.</summary>
    public static GitCommit? NewestDependabotCommit(PostureContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RecentCommits.FirstOrDefault(commit => IsDependabot(commit.Author))
            ?? Bounded(context).Commits.FirstOrDefault(commit => IsDependabot(commit.Author));
    }

    /// <summary>Dependabot's identities: <c>dependabot[bot]</c> and the older <c>dependabot-preview[bot]</c>, by name or e-mail.</summary>
    public static bool IsDependabot(GitPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return person.Name.StartsWith("dependabot", StringComparison.OrdinalIgnoreCase)
            || LocalPart(person.Email).Contains("dependabot", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// A bot author: <c>[bot]</c> in the name or e-mail (GitHub Apps), or a name or e-mail local part starting with
    /// dependabot, renovate or pre-commit-ci (their self-hosted and older identities).
    /// </summary>
    public static bool IsBot(GitPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (person.Name.Contains("[bot]", StringComparison.OrdinalIgnoreCase) || person.Email.Contains("[bot]", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var local = LocalPart(person.Email);
        var plus = local.IndexOf('+');
        if (plus >= 0)
        {
            local = local[(plus + 1)..]; // 12345+renovate@users.noreply.github.com
        }

        return BotPrefixes.Any(prefix => person.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || local.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// True when two identities may be one person: the same e-mail or the same name, ignoring case. Generous on
    /// purpose: a merge only counts as reviewed when the merger is surely someone else.
    /// </summary>
    public static bool SamePerson(GitPerson first, GitPerson second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return (first.Email.Length > 0 && first.Email.Equals(second.Email, StringComparison.OrdinalIgnoreCase))
            || (first.Name.Trim().Length > 0 && first.Name.Trim().Equals(second.Name.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>True for a tag name that looks like a version: <c>1.2</c>, <c>v2.0.0</c>, <c>v1.0rc1</c>, <c>3.1.post2</c>.</summary>
    public static bool IsVersionTag(string name) => VersionTag().IsMatch(name);

    /// <summary>
    /// The version-like tags of the repository as releases, newest first (by date, then by name), each with its
    /// annotated tag object when it has one; read once per context. Throws <see cref="InputFormatException"/> when a
    /// tag object is damaged. At most <see cref="MaxReleaseTagsRead"/> tags (the first by name) are read.
    /// </summary>
    public static IReadOnlyList<ReleaseTag> ReleaseTags(PostureContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Releases.GetValue(context, ReadReleaseTags);
    }

    private static readonly string[] BotPrefixes = ["dependabot", "renovate", "pre-commit-ci"];

    private static string LocalPart(string email) => email.IndexOf('@') is var at and >= 0 ? email[..at] : email;

    private static BoundedHistory ReadBounded(PostureContext context)
    {
        if (context.Repository is not { } repository)
        {
            return new BoundedHistory([], false, false, null);
        }

        try
        {
            // one more than the bound tells a history of exactly the bound from a longer one
            var commits = repository.History(MaxHistoryCommits + 1);
            var truncated = commits.Count > MaxHistoryCommits;
            return new BoundedHistory(truncated ? [.. commits.Take(MaxHistoryCommits)] : commits, truncated, repository.ShallowCommits().Count > 0, null);
        }
        catch (InputFormatException ex)
        {
            return new BoundedHistory([], false, false, ex.Message);
        }
    }

    private static IReadOnlyList<ReleaseTag> ReadReleaseTags(PostureContext context)
    {
        if (context.Repository is not { } repository)
        {
            return [];
        }

        var names = context.Tags.Keys.Where(IsVersionTag).Order(StringComparer.Ordinal).Take(MaxReleaseTagsRead).ToList();
        if (names.Count == 0)
        {
            return [];
        }

        var refs = repository.TagTargets();
        var releases = new List<ReleaseTag>(names.Count);
        using var objects = repository.OpenObjects();
        foreach (var name in names)
        {
            var commitId = context.Tags[name];
            GitTag? annotated = null;
            if (refs.TryGetValue(name, out var refId) && !refId.Equals(commitId, StringComparison.Ordinal) && objects.Read(refId) is { Type: GitObjectType.Tag } tagObject)
            {
                annotated = GitTag.Parse(tagObject.Id, tagObject.Data.Span);
            }

            var date = annotated?.Tagger?.When ?? objects.ReadCommit(commitId)?.Committer.When ?? DateTimeOffset.MinValue;
            releases.Add(new ReleaseTag(name, commitId, annotated, date));
        }

        return [.. releases.OrderByDescending(release => release.Date).ThenByDescending(release => release.Name, StringComparer.Ordinal)];
    }

    /// <summary>An optional <c>v</c>, dotted numbers, then an optional pre-release, post-release or local suffix.</summary>
    [GeneratedRegex(@"^[vV]?\d+(\.\d+)*([-+._]?[0-9A-Za-z][0-9A-Za-z.+_-]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionTag();
}
