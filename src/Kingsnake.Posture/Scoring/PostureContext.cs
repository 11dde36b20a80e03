using Kingsnake.Core.Auditing;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Toml;
using Kingsnake.Project;
using Kingsnake.Project.Auditing;
using Kingsnake.Project.Git;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Posture.Scoring;

/// <summary>A workflow file of the project: parsed, or the error that kept it from being parsed.</summary>
public sealed record ParsedWorkflow(string RelativePath, WorkflowFile? File, InputError? Error);

/// <summary>
/// Everything a posture check may read, each part computed once on first use and shared by all checks: the project's
/// files (through the one bounded reader), its git history, its workflows parsed, the audits' results. The time
/// reference <see cref="Now"/> is the HEAD commit's date unless the caller gave one, so a commit always scores alike.
/// </summary>
public sealed class PostureContext
{
    /// <summary>Scorecard reads the last 30 commits of the default branch for its history checks.</summary>
    public const int ScorecardCommitWindow = 30;

    private readonly Lazy<IReadOnlyList<ParsedWorkflow>> _workflows;
    private readonly Lazy<IReadOnlyList<GitCommit>> _recentCommits;
    private readonly Lazy<AuditResult> _workflowAudit;
    private readonly Lazy<AuditResult?> _dependencyAudit;
    private readonly Lazy<TomlNode?> _pyProject;
    private readonly Lazy<IReadOnlyDictionary<string, string>> _tags;

    public PostureContext(ProjectTree project, GitRepository? repository, DateTimeOffset now, Func<AuditResult?>? dependencyAudit = null)
    {
        Project = project;
        Repository = repository;
        Now = now;
        _workflows = new(ParseWorkflows);
        _recentCommits = new(() => History(ScorecardCommitWindow));
        _workflowAudit = new(() => Filtered(AuditWorkflows())!);
        _dependencyAudit = new(() => Filtered(dependencyAudit?.Invoke()));
        _pyProject = new(ReadPyProject);
        _tags = new(() => Repository?.Tags() ?? new Dictionary<string, string>());
    }

    public ProjectTree Project { get; }

    /// <summary>
    /// Walks <paramref name="root"/> as the checks need it: every regular file listed (licenses, policies and binaries
    /// are no audit's kind), with the configuration's excludes.
    /// </summary>
    public static ProjectTree OpenProject(string root, IReadOnlyList<string>? exclude = null) =>
        ProjectTree.Open(root, new ProjectOptions { ListAllFiles = true, Exclude = exclude ?? [] });

    /// <summary>The project's configuration (its ignores apply to the audits the checks read).</summary>
    public Kingsnake.Core.Configuration.KingsnakeConfig Config { get; init; } = Kingsnake.Core.Configuration.KingsnakeConfig.Default;

    /// <summary>The repository the project is in; null when it is not a git work tree (history checks then do not apply).</summary>
    public GitRepository? Repository { get; }

    /// <summary>The time reference: HEAD's committer date, or what <c>--now</c> gave.</summary>
    public DateTimeOffset Now { get; }

    /// <summary><c>.github/workflows/*.y[a]ml</c> of the project, parsed, in path order.</summary>
    public IReadOnlyList<ParsedWorkflow> Workflows => _workflows.Value;

    /// <summary>The last <see cref="ScorecardCommitWindow"/> commits from HEAD, newest first (empty without a repository).</summary>
    public IReadOnlyList<GitCommit> RecentCommits => _recentCommits.Value;

    /// <summary>The tags of the repository and the commit each names.</summary>
    public IReadOnlyDictionary<string, string> Tags => _tags.Value;

    /// <summary>The workflow audit of the project (every audit, default persona), without what the project's configuration ignores.</summary>
    public AuditResult WorkflowAudit => _workflowAudit.Value;

    /// <summary>The dependency audit of the project, without the advisories its configuration accepts; null when no advisory database is at hand.</summary>
    public AuditResult? DependencyAudit => _dependencyAudit.Value;

    /// <summary>The root <c>pyproject.toml</c>, parsed; null when there is none or it does not parse.</summary>
    public TomlNode? PyProject => _pyProject.Value;

    /// <summary>The commits from HEAD, newest first, at most <paramref name="maxCount"/>, none before <paramref name="since"/>.</summary>
    public IReadOnlyList<GitCommit> History(int maxCount, DateTimeOffset? since = null)
    {
        if (Repository is null)
        {
            return [];
        }

        try
        {
            return Repository.History(maxCount, since);
        }
        catch (InputFormatException)
        {
            return [];
        }
    }

    /// <summary>The text of a project file (relative path), or null when it is absent or cannot be read.</summary>
    public string? ReadText(string relativePath) =>
        Project.Find(relativePath) is { } entry && Project.TryRead(entry.FullPath, out var content, out _) ? content.Text : null;

    private IReadOnlyList<ParsedWorkflow> ParseWorkflows()
    {
        var parsed = new List<ParsedWorkflow>();
        foreach (var input in WorkflowDiscovery.Select(Project).Where(i => i.Kind == WorkflowFileKind.Workflow).OrderBy(i => i.RelativePath, StringComparer.Ordinal))
        {
            if (!Project.TryRead(input.FullPath, out var content, out var error))
            {
                parsed.Add(new ParsedWorkflow(input.RelativePath, null, error));
                continue;
            }

            try
            {
                parsed.Add(new ParsedWorkflow(input.RelativePath, WorkflowFile.Parse(input.RelativePath, content.Text), null));
            }
            catch (InputFormatException ex)
            {
                parsed.Add(new ParsedWorkflow(input.RelativePath, null, new InputError(SourceSpan.WholeFile(input.RelativePath), ex.Message)));
            }
        }

        return parsed;
    }

    private AuditResult AuditWorkflows() =>
        new WorkflowAuditor().Audit(new AuditContext { Project = Project, RootPath = Project.RootPath, Config = Config, Now = Now }, CancellationToken.None);

    /// <summary>The result with only the findings the configuration keeps (its ignores, per-file ignores and accepted advisories).</summary>
    private AuditResult? Filtered(AuditResult? result)
    {
        if (result is null)
        {
            return null;
        }

        var (kept, suppressed) = new Kingsnake.Core.Suppression.FindingFilter(Config, Kingsnake.Core.Suppression.SourceLines.None, now: Now).Apply(result.Findings);
        result.Findings.Clear();
        result.Findings.AddRange(kept);
        result.Suppressed.AddRange(suppressed);
        return result;
    }

    private TomlNode? ReadPyProject()
    {
        if (ReadText("pyproject.toml") is not { } text)
        {
            return null;
        }

        try
        {
            return TomlDocument.Parse(text, "pyproject.toml");
        }
        catch (InputFormatException)
        {
            return null;
        }
    }
}
