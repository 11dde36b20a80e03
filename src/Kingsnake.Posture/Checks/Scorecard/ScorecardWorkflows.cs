using Kingsnake.Core.Yaml;
using Kingsnake.Posture.Scoring;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>
/// The workflows as Scorecard counts them (<c>checks/fileparser</c>): <c>.github/workflows/*.y[a]ml</c> directly in
/// that directory (not nested ones), holding at least one line that is neither blank nor a comment.
/// </summary>
internal static class ScorecardWorkflows
{
    /// <summary>The project's workflows Scorecard reads, parsed or with their parse error, in path order.</summary>
    public static IReadOnlyList<ParsedWorkflow> Of(PostureContext context) =>
        [.. context.Workflows.Where(w => IsScorecardWorkflowPath(w.RelativePath) && HasCommand(context, w))];

    /// <summary>The parsed ones only.</summary>
    public static IEnumerable<WorkflowFile> Parsed(IEnumerable<ParsedWorkflow> workflows) =>
        workflows.Where(w => w.File is not null).Select(w => w.File!);

    /// <summary>A one-line error naming the first workflow that did not parse, or null (Scorecard's check errors on it too).</summary>
    public static string? FirstError(IEnumerable<ParsedWorkflow> workflows) =>
        workflows.FirstOrDefault(w => w.File is null) is { } broken
            ? $"{broken.RelativePath} cannot be parsed ({broken.Error?.Message ?? "malformed"}), and Scorecard stops on a workflow it cannot parse"
            : null;

    public static bool IsScorecardWorkflowPath(string path) =>
        path.StartsWith(".github/workflows/", StringComparison.OrdinalIgnoreCase)
        && path.IndexOf('/', ".github/workflows/".Length) < 0
        && (path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase));

    /// <summary>True when some line is neither blank nor a comment starting with <paramref name="comment"/> (Scorecard's <c>CheckFileContainsCommands</c>).</summary>
    public static bool ContainsCommands(string text, string comment = "#")
    {
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length > 0 && !trimmed.StartsWith(comment, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The 1-based line a node starts on.</summary>
    public static int LineOf(YamlNode node) => node.Start.Line;

    /// <summary>The steps of every job that runs steps (a reusable-workflow call has none), with their job.</summary>
    public static IEnumerable<(NormalJob Job, Step Step)> Steps(WorkflowFile workflow) =>
        workflow.Jobs.OfType<NormalJob>().SelectMany(job => job.Steps.Select(step => (job, step)));

    /// <summary>The action a step uses without its <c>@ref</c> (<c>github/codeql-action/analyze</c>), as written.</summary>
    public static string? ActionName(Step step) => step.UsesNode?.Value is { } uses ? uses.Split('@', 2)[0] : null;

    private static bool HasCommand(PostureContext context, ParsedWorkflow workflow) =>
        workflow.File is { } file ? ContainsCommands(file.Source.Text) : context.ReadText(workflow.RelativePath) is not { } text || ContainsCommands(text);
}
