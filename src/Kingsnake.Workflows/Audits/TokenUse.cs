using Kingsnake.Core.Shell;
using Kingsnake.Workflows.Model;
using Kingsnake.Workflows.Shell;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// What a job does with its <c>GITHUB_TOKEN</c>, so that fixes that narrow permissions or drop persisted credentials
/// leave the job able to do it. Read from the steps: <c>git</c> commands that talk to the remote and tools that push
/// (<c>mkdocs gh-deploy</c>, <c>mike --push</c>…), <c>gh</c> commands, and actions known to write with the default
/// token. What cannot be told (<c>gh api</c>, <c>actions/github-script</c>, an unknown action handed the token, a
/// reusable workflow) is <see cref="Unknown"/>, and callers then make no automatic edit.
/// </summary>
internal sealed class TokenUse
{
    /// <summary>Scopes each known action needs from the default token (its README's permissions section).</summary>
    private static readonly Dictionary<string, (string Scope, string Level)[]> ActionScopes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["softprops/action-gh-release"] = [("contents", "write")],
        ["ncipollo/release-action"] = [("contents", "write")],
        ["actions/create-release"] = [("contents", "write")],
        ["actions/upload-release-asset"] = [("contents", "write")],
        ["svenstaro/upload-release-action"] = [("contents", "write")],
        ["stefanzweifel/git-auto-commit-action"] = [("contents", "write")],
        ["endbug/add-and-commit"] = [("contents", "write")],
        ["jamesives/github-pages-deploy-action"] = [("contents", "write")],
        ["peaceiris/actions-gh-pages"] = [("contents", "write")],
        ["peter-evans/create-pull-request"] = [("contents", "write"), ("pull-requests", "write")],
        ["peter-evans/create-or-update-comment"] = [("issues", "write"), ("pull-requests", "write")],
        ["marocchino/sticky-pull-request-comment"] = [("pull-requests", "write")],
        ["thollander/actions-comment-pull-request"] = [("pull-requests", "write")],
        ["mshick/add-pr-comment"] = [("pull-requests", "write")],
        ["py-cov-action/python-coverage-comment-action"] = [("contents", "write"), ("pull-requests", "write")],
        ["actions/labeler"] = [("contents", "read"), ("pull-requests", "write")],
        ["actions/stale"] = [("issues", "write"), ("pull-requests", "write")],
        ["release-drafter/release-drafter"] = [("contents", "write"), ("pull-requests", "write")],
        ["googleapis/release-please-action"] = [("contents", "write"), ("pull-requests", "write"), ("issues", "write")],
        ["python-semantic-release/python-semantic-release"] = [("contents", "write")],
        ["actions/deploy-pages"] = [("pages", "write"), ("id-token", "write")],
        ["github/codeql-action/analyze"] = [("security-events", "write"), ("actions", "read")],
        ["github/codeql-action/upload-sarif"] = [("security-events", "write")],
        ["dependabot/fetch-metadata"] = [("pull-requests", "read")],
        ["actions/dependency-review-action"] = [("pull-requests", "read")],
    };

    /// <summary>Actions that push with the credentials <c>actions/checkout</c> left in <c>.git/config</c>.</summary>
    private static readonly HashSet<string> PushingActions = new(StringComparer.OrdinalIgnoreCase)
    {
        "stefanzweifel/git-auto-commit-action", "endbug/add-and-commit", "jamesives/github-pages-deploy-action", "peter-evans/create-pull-request",
        "python-semantic-release/python-semantic-release", "changesets/action", "pre-commit-ci/lite-action",
    };

    private TokenUse(Dictionary<string, string> scopes, string? unknown, string? credentialUser)
    {
        Scopes = scopes;
        Unknown = unknown;
        CredentialUser = credentialUser;
    }

    /// <summary>Scopes the job is seen to need, each with its level (<c>write</c> wins over <c>read</c>).</summary>
    public IReadOnlyDictionary<string, string> Scopes { get; }

    /// <summary>Why the job's needs cannot be told (names the step), or null when they can.</summary>
    public string? Unknown { get; }

    /// <summary>The first step that uses credentials a checkout persisted (a push, a fetch, <c>gh</c>), with what it runs; null when none does.</summary>
    public string? CredentialUser { get; }

    public bool Writes => Scopes.Values.Any(l => l == "write");

    /// <summary>What the steps of a normal job (or the steps of a composite action) do with the token.</summary>
    public static TokenUse Of(AuditTarget target, NormalJob? job, IReadOnlyList<Step> steps, int from = 0)
    {
        var scopes = new Dictionary<string, string>(StringComparer.Ordinal);
        string? unknown = null;
        string? credentialUser = null;
        void Need(string scope, string level)
        {
            if (!scopes.TryGetValue(scope, out var had) || had != "write")
            {
                scopes[scope] = level;
            }
        }

        for (var i = from; i < steps.Count; i++)
        {
            var step = steps[i];
            if (step.Uses is { Kind: UsesKind.Repository } uses)
            {
                if (PushingActions.Contains(uses.ActionName))
                {
                    credentialUser ??= $"'{step.DisplayName}' ({uses.Slug}) pushes";
                }

                if (ActionScopes.TryGetValue(uses.ActionName, out var needed))
                {
                    foreach (var (scope, level) in needed)
                    {
                        Need(scope, level);
                    }
                }
                else if (uses.Is("actions/github-script") && (step.Input("github-token") is null || HandsDefaultToken(step.Input("github-token")!.Value)))
                {
                    unknown ??= $"'{step.DisplayName}' calls the GitHub API with the token (actions/github-script)";
                }
                else if (uses.Is("docker/login-action") && step.Input("password")?.Value is { } password && HandsDefaultToken(password))
                {
                    Need("packages", "write");
                }
                else if (!uses.Is("actions/checkout") && HandsTokenToAction(step))
                {
                    unknown ??= $"'{step.DisplayName}' is handed the token ({uses.Slug})";
                }
            }
            else if (step.Uses is { Kind: UsesKind.Local })
            {
                unknown ??= $"'{step.DisplayName}' runs a local action";
            }

            if (step.Run is not { } run || ShellDialects.For(new StepScope(step, job, target.Workflow, target.Action), run.Value) is not { } dialect)
            {
                continue;
            }

            foreach (var command in ShellScript.Parse(run.Value, dialect))
            {
                var words = command.Program.Select(w => w.Text).ToList();
                if (words.Count == 0)
                {
                    continue;
                }

                switch (words[0])
                {
                    case "git" when GitVerb(words) is { } verb && verb is "push" or "fetch" or "pull" or "submodule" or "ls-remote" or "remote":
                        credentialUser ??= $"'{step.DisplayName}' runs git {verb}";
                        Need("contents", verb == "push" ? "write" : "read");
                        break;
                    case "gh":
                        credentialUser ??= $"'{step.DisplayName}' runs gh";
                        if (GhScopes(words) is { } gh)
                        {
                            Need(gh.Scope, gh.Level);
                        }
                        else
                        {
                            unknown ??= $"'{step.DisplayName}' runs {string.Join(' ', words.Take(3))}";
                        }

                        break;
                    case "mkdocs" when words.Count > 1 && words[1] == "gh-deploy":
                    case "mike" when words.Contains("--push") || words.Contains("-p"):
                    case "ghp-import" when words.Contains("--push") || words.Contains("-p"):
                    case "semantic-release" or "tbump":
                        credentialUser ??= $"'{step.DisplayName}' runs {words[0]}, which pushes";
                        Need("contents", "write");
                        break;
                }
            }
        }

        return new TokenUse(scopes, unknown, credentialUser);
    }

    /// <summary>The git subcommand past global options (<c>git -C dir push</c>).</summary>
    private static string? GitVerb(List<string> words)
    {
        var i = 1;
        while (i < words.Count && words[i].StartsWith('-'))
        {
            i += words[i] is "-C" or "-c" ? 2 : 1;
        }

        return i < words.Count ? words[i] : null;
    }

    /// <summary>The scope a <c>gh</c> command needs, or null when it cannot be told (<c>gh api</c>, an extension).</summary>
    private static (string Scope, string Level)? GhScopes(List<string> words)
    {
        if (words.Count < 3)
        {
            return words.Count == 2 && words[1] is "--version" or "version" or "help" ? ("contents", "read") : null;
        }

        var reads = words[2] is "view" or "list" or "diff" or "checks" or "status" or "download" or "watch";
        return words[1] switch
        {
            "release" => ("contents", reads ? "read" : "write"),
            "pr" => words[2] == "merge" ? ("contents", "write") : ("pull-requests", reads ? "read" : "write"),
            "issue" => ("issues", reads ? "read" : "write"),
            "label" => ("issues", reads ? "read" : "write"),
            "run" or "workflow" or "cache" => ("actions", reads ? "read" : "write"),
            "repo" when words[2] is "view" or "clone" => ("contents", "read"),
            _ => null,
        };
    }

    /// <summary>True when <paramref name="value"/> hands over the workflow's own token.</summary>
    internal static bool HandsDefaultToken(string value) =>
        value.Contains("github.token", StringComparison.Ordinal) || value.Contains("secrets.GITHUB_TOKEN", StringComparison.OrdinalIgnoreCase);

    private static bool HandsTokenToAction(Step step) =>
        (step.With?.Entries.Any(e => e.Value is Core.Yaml.YamlScalar s && HandsDefaultToken(s.Value)) ?? false)
        || (step.Env?.Variables.Any(e => e.Value is Core.Yaml.YamlScalar s && HandsDefaultToken(s.Value)) ?? false);
}
