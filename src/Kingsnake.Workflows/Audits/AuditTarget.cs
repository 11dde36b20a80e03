using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Audits;

/// <summary>One parsed file handed to every audit: a workflow, an action definition, a Dependabot or a pre-commit configuration.</summary>
public sealed class AuditTarget
{
    public AuditTarget(WorkflowFile workflow)
    {
        Workflow = workflow;
        Path = workflow.Path;
        Document = workflow.Document;
    }

    public AuditTarget(ActionFile action)
    {
        Action = action;
        Path = action.Path;
        Document = action.Document;
    }

    public AuditTarget(DependabotFile dependabot)
    {
        Dependabot = dependabot;
        Path = dependabot.Path;
        Document = dependabot.Document;
    }

    public AuditTarget(PreCommitFile preCommit)
    {
        PreCommit = preCommit;
        Path = preCommit.Path;
        Document = preCommit.Document;
    }

    public string Path { get; }

    public YamlDocument Document { get; }

    public SourceText Source => Document.Source;

    public WorkflowFile? Workflow { get; }

    public ActionFile? Action { get; }

    public DependabotFile? Dependabot { get; }

    public PreCommitFile? PreCommit { get; }

    /// <summary>What the other files of the same run say that this file's audits need (set before the audits run).</summary>
    public RepositoryFacts Repository { get; set; } = RepositoryFacts.Empty;
}

/// <summary>Facts gathered from every workflow of a run before any is audited: the few audits that look across files read them here.</summary>
public sealed record RepositoryFacts(IReadOnlyList<CacheWriter> CacheWriters)
{
    public static RepositoryFacts Empty { get; } = new([]);

    /// <summary>The facts of the parsed files of one run, in path order so that findings do not depend on scheduling.</summary>
    public static RepositoryFacts From(IEnumerable<AuditTarget> targets) =>
        new([.. targets.SelectMany(WritersOf).OrderBy(w => w.Path, StringComparer.Ordinal).ThenBy(w => w.JobId, StringComparer.Ordinal)]);

    /// <summary>One file's cache writers; a failure there only costs that file's contribution, as a failing audit would.</summary>
    private static List<CacheWriter> WritersOf(AuditTarget target)
    {
        try
        {
            return [.. CachePoisoningAudit.CacheWriters(target)];
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return [];
        }
    }
}
