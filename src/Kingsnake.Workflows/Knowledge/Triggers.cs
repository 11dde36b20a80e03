namespace Kingsnake.Workflows.Knowledge;

/// <summary>
/// Facts about workflow triggers. Source: GitHub docs, "Events that trigger workflows" and "Controlling
/// permissions for GITHUB_TOKEN" (which events run with a read-only token for forks, which in the base
/// repository's context with its secrets).
/// </summary>
public static class Triggers
{
    /// <summary>
    /// Events someone without write access can cause: opening issues, pull requests (also from forks),
    /// commenting, reviewing, discussing, starring, forking, editing a public wiki, and <c>workflow_run</c>
    /// (its upstream run may be a fork's pull request).
    /// </summary>
    public static bool IsExternallyTriggerable(string trigger) => trigger is
        "pull_request" or "pull_request_target" or "pull_request_review" or "pull_request_review_comment"
        or "issues" or "issue_comment" or "discussion" or "discussion_comment" or "fork" or "watch"
        or "gollum" or "workflow_run" or "workflow_call";

    /// <summary>
    /// Events that run in the base repository's context with a token that can write and with secrets,
    /// even when the event comes from a fork.
    /// </summary>
    public static bool IsPrivileged(string trigger) => trigger is "pull_request_target" or "workflow_run" or "issue_comment"
        or "issues" or "discussion" or "discussion_comment" or "pull_request_review_comment";

    /// <summary>
    /// Notes on the default <c>GITHUB_TOKEN</c> (GitHub docs, "Automatic token authentication"): repositories
    /// created before February 2023 (and organisations that kept the old setting) default to read/write on every
    /// scope; newer ones to read-only <c>contents</c> and <c>packages</c> (plus <c>metadata</c>). Pull requests
    /// from forks always get a read-only token, except under <c>pull_request_target</c>, which gets the base
    /// repository's full default token. Declaring <c>permissions:</c> makes the grant explicit and independent
    /// of the repository setting.
    /// </summary>
    public const string DefaultTokenNote =
        "The default GITHUB_TOKEN is read/write on every scope for repositories created before February 2023 (and "
        + "organisations that kept that setting), read-only on contents and packages otherwise; fork pull requests get "
        + "a read-only token except under pull_request_target.";
}
