using Kingsnake.Project;

namespace Kingsnake.Workflows.Auditing;

/// <summary>What kind of YAML file the workflow audit reads.</summary>
public enum WorkflowFileKind
{
    Workflow,
    Action,

    /// <summary><c>.github/dependabot.yml</c>.</summary>
    Dependabot,

    /// <summary><c>.pre-commit-config.yaml</c>.</summary>
    PreCommit,
}

/// <summary>A file found for the workflow audit.</summary>
public sealed record WorkflowFileInput(string FullPath, string RelativePath, WorkflowFileKind Kind);

/// <summary>
/// The workflow audit's inputs among the project's files: workflows, actions, <c>.github/dependabot.yml</c> and
/// <c>.pre-commit-config.yaml</c> (the project's one walk decides what is skipped; files in environment and
/// dependency directories hold other people's actions, not the project's, and are left out).
/// </summary>
public static class WorkflowDiscovery
{
    public static IReadOnlyList<WorkflowFileInput> Select(ProjectTree project) =>
        [.. project.Files.Where(f => !f.InDefaultExcludedDirectory && KindOf(f.Kind) is not null).Select(f => new WorkflowFileInput(f.FullPath, f.RelativePath, KindOf(f.Kind)!.Value))];

    /// <summary>The kind of a file by its path, or null when the workflow audit does not read it.</summary>
    public static WorkflowFileKind? Classify(string relativePath) => KindOf(ProjectFileClassifier.Classify(relativePath));

    private static WorkflowFileKind? KindOf(ProjectFileKind kind) => kind switch
    {
        ProjectFileKind.Workflow => WorkflowFileKind.Workflow,
        ProjectFileKind.Action => WorkflowFileKind.Action,
        ProjectFileKind.Dependabot => WorkflowFileKind.Dependabot,
        ProjectFileKind.PreCommit => WorkflowFileKind.PreCommit,
        _ => null,
    };
}
