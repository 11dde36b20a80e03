using Kingsnake.Core.Auditing;
using Kingsnake.Core.Configuration;
using Kingsnake.Core.Findings;
using Kingsnake.Posture.Scoring;
using Kingsnake.Project;
using Kingsnake.Project.Git;

namespace Kingsnake.Posture;

/// <summary>What to score and how.</summary>
public sealed record PostureScanOptions
{
    /// <summary>The project directory (a full path).</summary>
    public required string ProjectPath { get; init; }

    /// <summary>The time reference the user gave (<c>--now</c>); null: HEAD's committer date, or the clock without a commit.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>Runs the dependency audit of the project at the time reference; null or returning null when no advisory database is at hand.</summary>
    public Func<ProjectTree, DateTimeOffset, AuditResult?>? DependencyAudit { get; init; }

    /// <summary>The checks to run (default: all).</summary>
    public IReadOnlyList<IPostureCheck>? Checks { get; init; }

    public KingsnakeConfig Config { get; init; } = KingsnakeConfig.Default;

    public required string ToolVersion { get; init; }

    /// <summary>The clock, asked only when the time reference cannot come from a commit.</summary>
    public Func<DateTimeOffset> Clock { get; init; } = () => DateTimeOffset.UtcNow;
}

/// <summary>
/// One <c>kingsnake score</c> run: finds the repository the project lives in, takes the time reference (HEAD's
/// committer date unless one was given), walks the project once and runs the checks over it.
/// </summary>
public static class PostureScan
{
    public static PostureReport Run(PostureScanOptions options)
    {
        var root = options.ProjectPath;
        var repository = GitRepository.FindWorkTree(root) is { } workTree ? GitRepository.Open(workTree) : null;
        string? head = null;
        DateTimeOffset? headDate = null;
        if (repository is not null)
        {
            try
            {
                head = repository.HeadCommit();
                if (head is not null)
                {
                    using var objects = repository.OpenObjects();
                    headDate = objects.ReadCommit(head)?.Committer.When;
                }
            }
            catch (InputFormatException)
            {
                head = null; // a repository that cannot be read scores as a plain directory; the history checks say why
            }
        }

        var (now, source) = options.Now is { } given ? (given, "now-option")
            : headDate is { } date ? (date, "head-commit")
            : (options.Clock(), "clock");
        var project = PostureContext.OpenProject(root, options.Config.Exclude);
        AuditResult? dependencyAudit = null;
        var audited = false;
        var context = new PostureContext(project, head is null ? null : repository, now, () =>
        {
            audited = true;
            return dependencyAudit = options.DependencyAudit?.Invoke(project, now);
        })
        { Config = options.Config };
        var score = PostureRunner.Run(context, options.Checks ?? PostureChecks.All);
        return new PostureReport
        {
            ToolVersion = options.ToolVersion,
            ProjectName = Path.GetFileName(Path.TrimEndingDirectorySeparator(root)) is { Length: > 0 } name ? name : root,
            Commit = head,
            Branch = head is null ? null : repository?.HeadBranch(),
            Remote = head is null ? null : repository?.Remotes().GetValueOrDefault("origin") is { } url ? WithoutCredentials(url) : null,
            TimeReference = now,
            TimeReferenceSource = source,
            Score = score,
            AdvisoryDatabase = audited && dependencyAudit is not null,
        };
    }

    /// <summary>A remote URL without the user and password a configuration may carry (<c>https://user:token@host/…</c>).</summary>
    public static string WithoutCredentials(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var at = url.IndexOf('@', StringComparison.Ordinal);
        var slash = scheme < 0 ? -1 : url.IndexOf('/', scheme + 3);
        return scheme >= 0 && at > scheme && (slash < 0 || at < slash) ? url[..(scheme + 3)] + url[(at + 1)..] : url;
    }
}
