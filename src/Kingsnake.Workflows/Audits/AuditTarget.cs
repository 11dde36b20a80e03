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
}
