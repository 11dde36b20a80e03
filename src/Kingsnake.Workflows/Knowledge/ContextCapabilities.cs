namespace Kingsnake.Workflows.Knowledge;

/// <summary>
/// Which expression contexts an outside attacker controls. Patterns are lower-case dotted paths as built by
/// <see cref="Expressions.ContextReference"/>; a <c>*</c> segment matches any one segment, and a trailing <c>**</c>
/// matches any rest (including nothing).
///
/// Sources of the facts:
/// <list type="bullet">
/// <item>[W] GitHub's webhook payload schemas (octokit/openapi-webhooks, the same source zizmor's table is built
/// from): a string with no format and no enum is free text; <c>email</c> and <c>uri-template</c> are structured;
/// numbers, booleans, enums and <c>date-time</c> are fixed. Summarised in /work/shared/reference/zizmor.md §4.6–4.7.</item>
/// <item>[Z] zizmor's <c>support/known-safe-contexts.txt</c> forced-safe list (zizmor.md §4.6) and its fallbacks (§4.5).</item>
/// <item>[A] actionlint's untrusted-input list (docs/checks.md "untrusted inputs"): 17 <c>github.event.*</c> fields and
/// <c>github.head_ref</c>, reached also through object filters.</item>
/// <item>[S] OpenSSF Scorecard Dangerous-Workflow script-injection patterns (checks/raw/dangerous_workflow.go).</item>
/// <item>[G] GitHub docs, "Contexts reference": types of <c>github.*</c>, <c>runner.*</c>, <c>job.*</c>, <c>strategy.*</c>.</item>
/// </list>
/// </summary>
public static class ContextCapabilities
{
    private static readonly (string Pattern, ContextCapability Capability)[] Entries =
    [
        // --- Free text written by whoever opens an issue, a PR, a comment, a review or a discussion [W][A][S]
        ("github.event.issue.title", ContextCapability.Arbitrary),
        ("github.event.issue.body", ContextCapability.Arbitrary),
        ("github.event.issue.user.login", ContextCapability.Arbitrary),
        ("github.event.issue.labels.*.name", ContextCapability.Arbitrary),
        ("github.event.issue.labels.*.description", ContextCapability.Arbitrary),
        ("github.event.pull_request.title", ContextCapability.Arbitrary),
        ("github.event.pull_request.body", ContextCapability.Arbitrary),
        ("github.event.pull_request.head.ref", ContextCapability.Arbitrary),
        ("github.event.pull_request.head.label", ContextCapability.Arbitrary),
        ("github.event.pull_request.head.repo.full_name", ContextCapability.Arbitrary),
        ("github.event.pull_request.head.repo.name", ContextCapability.Arbitrary),
        ("github.event.pull_request.head.repo.description", ContextCapability.Arbitrary),
        ("github.event.pull_request.head.repo.default_branch", ContextCapability.Arbitrary),
        ("github.event.pull_request.head.repo.homepage", ContextCapability.Arbitrary),
        ("github.event.pull_request.user.login", ContextCapability.Arbitrary),
        ("github.event.pull_request.labels.*.name", ContextCapability.Arbitrary),
        ("github.event.pull_request.labels.*.description", ContextCapability.Arbitrary),
        ("github.event.pull_request.milestone.title", ContextCapability.Arbitrary),
        ("github.event.comment.body", ContextCapability.Arbitrary),
        ("github.event.comment.user.login", ContextCapability.Arbitrary),
        ("github.event.comment.path", ContextCapability.Arbitrary),
        ("github.event.comment.diff_hunk", ContextCapability.Arbitrary),
        ("github.event.review.body", ContextCapability.Arbitrary),
        ("github.event.review_comment.body", ContextCapability.Arbitrary),
        ("github.event.discussion.title", ContextCapability.Arbitrary),
        ("github.event.discussion.body", ContextCapability.Arbitrary),
        ("github.event.pages.*.page_name", ContextCapability.Arbitrary),
        ("github.event.pages.*.title", ContextCapability.Arbitrary),
        ("github.event.pages.*.summary", ContextCapability.Arbitrary),
        ("github.event.pages.*.html_url", ContextCapability.Arbitrary),
        ("github.event.sender.login", ContextCapability.Arbitrary),
        ("github.event.label.name", ContextCapability.Arbitrary),
        ("github.event.label.description", ContextCapability.Arbitrary),
        ("github.event.forkee.full_name", ContextCapability.Arbitrary),
        ("github.event.forkee.name", ContextCapability.Arbitrary),
        ("github.event.forkee.description", ContextCapability.Arbitrary),

        // --- Commits: messages, author and committer names, changed paths [W][S]
        ("github.event.commits.*.message", ContextCapability.Arbitrary),
        ("github.event.commits.*.author.name", ContextCapability.Arbitrary),
        ("github.event.commits.*.author.username", ContextCapability.Arbitrary),
        ("github.event.commits.*.committer.name", ContextCapability.Arbitrary),
        ("github.event.commits.*.committer.username", ContextCapability.Arbitrary),
        ("github.event.commits.*.added.*", ContextCapability.Arbitrary),
        ("github.event.commits.*.modified.*", ContextCapability.Arbitrary),
        ("github.event.commits.*.removed.*", ContextCapability.Arbitrary),
        ("github.event.commits.*.author.email", ContextCapability.Structured),
        ("github.event.commits.*.committer.email", ContextCapability.Structured),
        ("github.event.head_commit.message", ContextCapability.Arbitrary),
        ("github.event.head_commit.author.name", ContextCapability.Arbitrary),
        ("github.event.head_commit.author.username", ContextCapability.Arbitrary),
        ("github.event.head_commit.committer.name", ContextCapability.Arbitrary),
        ("github.event.head_commit.author.email", ContextCapability.Structured),
        ("github.event.head_commit.committer.email", ContextCapability.Structured),
        ("github.event.ref", ContextCapability.Arbitrary),
        ("github.event.base_ref", ContextCapability.Arbitrary),

        // --- Releases, dispatch payloads, inputs [W]
        ("github.event.release.name", ContextCapability.Arbitrary),
        ("github.event.release.body", ContextCapability.Arbitrary),
        ("github.event.release.tag_name", ContextCapability.Arbitrary),
        ("github.event.release.target_commitish", ContextCapability.Arbitrary),
        ("github.event.client_payload.**", ContextCapability.Arbitrary),
        ("github.event.inputs.**", ContextCapability.Arbitrary),

        // --- workflow_run: the triggering run may come from a fork's pull request [W][Z]
        ("github.event.workflow_run.head_branch", ContextCapability.Arbitrary),
        ("github.event.workflow_run.display_title", ContextCapability.Arbitrary),
        ("github.event.workflow_run.head_commit.message", ContextCapability.Arbitrary),
        ("github.event.workflow_run.head_commit.author.name", ContextCapability.Arbitrary),
        ("github.event.workflow_run.head_commit.author.email", ContextCapability.Structured),
        ("github.event.workflow_run.head_repository.full_name", ContextCapability.Arbitrary),
        ("github.event.workflow_run.head_repository.description", ContextCapability.Arbitrary),
        ("github.event.workflow_run.pull_requests.*.head.ref", ContextCapability.Arbitrary),
        ("github.event.workflow_run.head_sha", ContextCapability.Arbitrary), // [Z] zizmor lists it as arbitrary
        ("github.event.workflow_run.id", ContextCapability.Fixed),
        ("github.event.workflow_run.run_number", ContextCapability.Fixed),
        ("github.event.workflow_run.conclusion", ContextCapability.Fixed),
        ("github.event.workflow_run.event", ContextCapability.Fixed),

        // --- Deployment status: URLs turned out to be attacker-controlled, so zizmor keeps uri as arbitrary [Z]
        ("github.event.deployment_status.target_url", ContextCapability.Arbitrary),
        ("github.event.deployment_status.environment_url", ContextCapability.Arbitrary),
        ("github.event.deployment_status.description", ContextCapability.Arbitrary),
        ("github.event.deployment.payload.**", ContextCapability.Arbitrary),

        // --- Structured: e-mail addresses and URL templates [W]
        ("github.event.*.user.email", ContextCapability.Structured),
        ("github.event.*.user.gists_url", ContextCapability.Structured),
        ("github.event.*.user.starred_url", ContextCapability.Structured),
        ("github.event.*.user.following_url", ContextCapability.Structured),
        ("github.event.pusher.email", ContextCapability.Structured),
        ("github.event.pusher.name", ContextCapability.Arbitrary),

        // --- Forced safe: SHAs, ids, numbers, the repository the workflow runs in [Z][G]
        ("github.sha", ContextCapability.Fixed),
        ("github.event.after", ContextCapability.Fixed),
        ("github.event.before", ContextCapability.Fixed),
        ("github.event.pull_request.head.sha", ContextCapability.Fixed),
        ("github.event.pull_request.base.sha", ContextCapability.Fixed),
        ("github.event.pull_request.merge_commit_sha", ContextCapability.Fixed),
        ("github.event.pull_request.base.ref", ContextCapability.Fixed), // the target branch of our own repository
        ("github.event.pull_request.number", ContextCapability.Fixed),
        ("github.event.pull_request.id", ContextCapability.Fixed),
        ("github.event.pull_request.draft", ContextCapability.Fixed),
        ("github.event.pull_request.merged", ContextCapability.Fixed),
        ("github.event.pull_request.state", ContextCapability.Fixed),
        ("github.event.pull_request.user.id", ContextCapability.Fixed),
        ("github.event.pull_request.head.repo.fork", ContextCapability.Fixed),
        ("github.event.pull_request.head.repo.id", ContextCapability.Fixed),
        ("github.event.pull_request.author_association", ContextCapability.Fixed),
        ("github.event.issue.number", ContextCapability.Fixed),
        ("github.event.issue.id", ContextCapability.Fixed),
        ("github.event.issue.state", ContextCapability.Fixed),
        ("github.event.issue.pull_request", ContextCapability.Fixed),
        ("github.event.issue.author_association", ContextCapability.Fixed),
        ("github.event.comment.id", ContextCapability.Fixed),
        ("github.event.comment.author_association", ContextCapability.Fixed),
        ("github.event.review.state", ContextCapability.Fixed),
        ("github.event.review.id", ContextCapability.Fixed),
        ("github.event.number", ContextCapability.Fixed),
        ("github.event.action", ContextCapability.Fixed),
        ("github.event.forced", ContextCapability.Fixed),
        ("github.event.created", ContextCapability.Fixed),
        ("github.event.deleted", ContextCapability.Fixed),
        ("github.event.head_commit.id", ContextCapability.Fixed),
        ("github.event.head_commit.timestamp", ContextCapability.Fixed),
        ("github.event.release.id", ContextCapability.Fixed),
        ("github.event.release.prerelease", ContextCapability.Fixed),
        ("github.event.release.draft", ContextCapability.Fixed),
        ("github.event.repository.**", ContextCapability.Fixed), // the repository the workflow lives in
        ("github.event.installation.id", ContextCapability.Fixed),
        ("github.event.sender.id", ContextCapability.Fixed),
        ("github.event.sender.type", ContextCapability.Fixed),
        ("github.event.*.number", ContextCapability.Fixed),
        ("github.event.*.id", ContextCapability.Fixed),
        ("github.event.*.node_id", ContextCapability.Fixed),
        ("github.event.*.created_at", ContextCapability.Fixed),
        ("github.event.*.updated_at", ContextCapability.Fixed),
        ("github.event.schedule", ContextCapability.Fixed),
        ("github.event_name", ContextCapability.Fixed),
        ("github.event_path", ContextCapability.Fixed),
        ("github.repository", ContextCapability.Fixed),
        ("github.repository_id", ContextCapability.Fixed),
        ("github.repository_owner", ContextCapability.Fixed),
        ("github.repository_owner_id", ContextCapability.Fixed),
        ("github.repositoryurl", ContextCapability.Fixed),
        ("github.run_id", ContextCapability.Fixed),
        ("github.run_number", ContextCapability.Fixed),
        ("github.run_attempt", ContextCapability.Fixed),
        ("github.retention_days", ContextCapability.Fixed),
        ("github.job", ContextCapability.Fixed),
        ("github.workflow", ContextCapability.Fixed),
        ("github.workflow_ref", ContextCapability.Fixed),
        ("github.workflow_sha", ContextCapability.Fixed),
        ("github.workspace", ContextCapability.Fixed),
        ("github.action", ContextCapability.Fixed),
        ("github.action_path", ContextCapability.Fixed),
        ("github.action_repository", ContextCapability.Fixed),
        ("github.action_ref", ContextCapability.Fixed),
        ("github.token", ContextCapability.Fixed),
        ("github.triggering_actor", ContextCapability.Fixed), // [Z] forced safe (login names are [A-Za-z0-9-])
        ("github.actor_id", ContextCapability.Fixed),
        ("github.ref_type", ContextCapability.Fixed),
        ("github.ref_protected", ContextCapability.Fixed),
        ("github.server_url", ContextCapability.Fixed),
        ("github.api_url", ContextCapability.Fixed),
        ("github.graphql_url", ContextCapability.Fixed),
        ("github.env", ContextCapability.Fixed),
        ("github.path", ContextCapability.Fixed),
        ("github.output", ContextCapability.Fixed),
        ("github.secret_source", ContextCapability.Fixed),
        ("runner.**", ContextCapability.Fixed),
        ("job.**", ContextCapability.Fixed),
        ("strategy.**", ContextCapability.Fixed),
        ("steps.*.outcome", ContextCapability.Fixed),
        ("steps.*.conclusion", ContextCapability.Fixed),
        ("needs.*.result", ContextCapability.Fixed),

        // --- github.* fallbacks that zizmor grades High: refs and branch names are free text [Z]
        ("github.head_ref", ContextCapability.Arbitrary),
        ("github.ref", ContextCapability.Arbitrary),
        ("github.ref_name", ContextCapability.Arbitrary),
        ("github.base_ref", ContextCapability.Arbitrary),
        ("github.actor", ContextCapability.Arbitrary),
    ];

    private static readonly (string[] Segments, ContextCapability Capability)[] Table =
        [.. Entries.Select(e => (e.Pattern.Split('.'), e.Capability))];

    /// <summary>
    /// Looks up a context pattern. The most specific entry wins: an entry without wildcards beats one with
    /// <c>*</c>, which beats one ending in <c>**</c>; so <c>github.event.pull_request.head.sha</c> is fixed
    /// although <c>github.event.*.…</c> patterns exist.
    /// </summary>
    public static ContextCapability Lookup(string pattern)
    {
        var best = ContextCapability.Unknown;
        var bestScore = -1;
        var segments = pattern.Split('.');
        foreach (var (entry, capability) in Table)
        {
            var score = Match(entry, segments);
            if (score > bestScore)
            {
                bestScore = score;
                best = capability;
            }
        }

        return best;
    }

    /// <summary>Specificity of a match (literal segments count more), or -1 when the entry does not match.</summary>
    private static int Match(string[] entry, string[] query)
    {
        var score = 0;
        for (var i = 0; i < entry.Length; i++)
        {
            if (entry[i] == "**")
            {
                return i == entry.Length - 1 ? score : -1;
            }

            if (i >= query.Length)
            {
                return -1;
            }

            if (entry[i] == query[i])
            {
                score += 4;
            }
            else if (entry[i] == "*")
            {
                score += 1;
            }
            else
            {
                return -1;
            }
        }

        return entry.Length == query.Length ? score + 2 : -1;
    }
}
