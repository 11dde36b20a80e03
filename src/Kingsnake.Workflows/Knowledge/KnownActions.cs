namespace Kingsnake.Workflows.Knowledge;

/// <summary>
/// Actions with known behaviour. Sources: each action's own README/action.yml (inputs named below), and for
/// code-executing inputs the CodeQL "actions" injection-sink list plus zizmor's four extras
/// (/work/shared/reference/zizmor.md §4.1).
/// </summary>
public static class KnownActions
{
    /// <summary>Action inputs whose value is run as code (script text, shell commands, inline programs).</summary>
    public static IReadOnlyDictionary<string, string[]> CodeInputs { get; } = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["actions/github-script"] = ["script"],
        ["azure/cli"] = ["inlinescript"],
        ["azure/powershell"] = ["inlinescript"],
        ["appleboy/ssh-action"] = ["script"],
        ["mikefarah/yq"] = ["cmd"],
        ["sergeysova/jq-action"] = ["cmd"],
        ["8398a7/action-slack"] = ["custom_payload"],
        ["amadevus/pwsh-script"] = ["script"],
        ["jannekem/run-python-script-action"] = ["script"],
        ["cardinalby/js-eval-action"] = ["expression"],
        ["addnab/docker-run-action"] = ["run"],
        ["garygrossgarten/github-action-ssh"] = ["command"],
        ["jbangdev/jbang-action"] = ["script"],
    };

    /// <summary>The inputs of <paramref name="action"/> (<c>owner/repo[/path]</c>) that run as code; empty when none.</summary>
    public static IReadOnlyList<string> CodeInputsOf(string action) =>
        CodeInputs.TryGetValue(action, out var inputs) ? inputs : [];

    /// <summary>Actions that check out repository content (and may persist credentials in .git/config).</summary>
    public const string Checkout = "actions/checkout";

    /// <summary>Uploads a path as an artifact anyone with read access can download.</summary>
    public const string UploadArtifact = "actions/upload-artifact";

    /// <summary>The PyPA publishing action; <c>password:</c> means an API token instead of Trusted Publishing.</summary>
    public const string PypiPublish = "pypa/gh-action-pypi-publish";

    /// <summary>Labels pull requests from configuration in the base branch; safe under pull_request_target.</summary>
    public const string Labeler = "actions/labeler";
}
