using Kingsnake.Workflows.Audits;

namespace Kingsnake.Workflows.Knowledge;

/// <summary>An action whose work a tool already on GitHub's runners does, and what to use instead.</summary>
public sealed record SuperfluousAction(string Action, string Instead, Persona Persona);

/// <summary>
/// Tables for the smaller advice audits. Sources: the runner images' installed-software lists
/// (actions/runner-images: <c>gh</c>, <c>git</c>, <c>rustup</c> are preinstalled), each action's README, and zizmor's
/// superfluous-actions and unpinned-tools audits (/work/shared/reference/zizmor.md §2).
/// </summary>
public static class ActionAdvice
{
    public static IReadOnlyList<SuperfluousAction> Superfluous { get; } =
    [
        new("softprops/action-gh-release", "`gh release create` (the GitHub CLI is on every hosted runner)", Persona.Regular),
        new("ncipollo/release-action", "`gh release create`", Persona.Regular),
        new("actions/create-release", "`gh release create`", Persona.Regular),
        new("actions/upload-release-asset", "`gh release upload`", Persona.Regular),
        new("svenstaro/upload-release-action", "`gh release upload`", Persona.Regular),
        new("peter-evans/create-pull-request", "`git` and `gh pr create`", Persona.Pedantic),
        new("peter-evans/create-or-update-comment", "`gh pr comment` / `gh issue comment`", Persona.Pedantic),
        new("stefanzweifel/git-auto-commit-action", "`git commit` and `git push`", Persona.Pedantic),
        new("ad-m/github-push-action", "`git push`", Persona.Pedantic),
        new("dtolnay/rust-toolchain", "`rustup toolchain install`", Persona.Pedantic),
        new("actions-rs/toolchain", "`rustup toolchain install`", Persona.Regular),
    ];

    /// <summary>Actions that download a tool whose version is an input; missing or <c>latest</c> means whatever is newest.</summary>
    public static IReadOnlyDictionary<string, string> ToolVersionInputs { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["aquasecurity/setup-trivy"] = "version",
        ["1password/load-secrets-action"] = "version",
    };

    public static SuperfluousAction? FindSuperfluous(string actionName) =>
        Superfluous.FirstOrDefault(s => s.Action.Equals(actionName, StringComparison.OrdinalIgnoreCase));
}
