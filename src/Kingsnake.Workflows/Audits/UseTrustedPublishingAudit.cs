using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Knowledge;
using Kingsnake.Workflows.Yaml;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// use-trusted-publishing, Python part (zizmor.md §2): the PyPA action with <c>password:</c>, and upload commands in
/// <c>run:</c>. Unlike zizmor, a <c>twine upload</c> / <c>uv publish</c> / <c>pdm publish</c> with no credential in
/// sight is not reported (those tools use Trusted Publishing on their own), and uploads to other indexes are skipped.
/// </summary>
public sealed class UseTrustedPublishingAudit : WorkflowAudit
{
    /// <summary>Upload commands and whether the tool can use Trusted Publishing without a token.</summary>
    private static readonly (string Command, bool SupportsTrustedPublishing)[] Uploads =
    [
        ("twine upload", true),
        ("uv publish", true),
        ("pdm publish", true),
        ("hatch publish", false),
        ("poetry publish", false),
        ("flit publish", false),
    ];

    /// <summary>Signs that the step hands the tool a long-lived credential (flags, variables, secrets).</summary>
    private static readonly string[] CredentialHints =
    [
        "--token", "--password", " -p ", " -p=", "__token__", "TWINE_PASSWORD", "UV_PUBLISH_TOKEN", "UV_PUBLISH_PASSWORD",
        "POETRY_PYPI_TOKEN", "POETRY_HTTP_BASIC", "PDM_PUBLISH_PASSWORD", "HATCH_INDEX_AUTH", "FLIT_PASSWORD", "secrets.",
    ];

    public override Rule Rule => WorkflowRules.UseTrustedPublishing;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        foreach (var scope in StepScope.All(target))
        {
            var step = scope.Step;
            if (step.Uses is { } uses && uses.Is(KnownActions.PypiPublish))
            {
                var url = step.Input("repository-url")?.Value ?? step.Input("repository_url")?.Value;
                if (step.With?.GetKey("password") is { } passwordKey && (url is null || IsPyPi(url)))
                {
                    sink.Report(Rule, passwordKey.Start, step.With.Get("password")!.End, $"'{step.DisplayName}' uploads to PyPI with an API token; Trusted Publishing needs no stored secret", Severity.Info, Confidence.High, context: step.Node);
                }
            }

            if (step.Run is not { } run)
            {
                continue;
            }

            var script = run.Value;
            foreach (var (command, trusted) in Uploads)
            {
                var at = FindCommand(script, command);
                if (at < 0)
                {
                    continue;
                }

                var line = LineAround(script, at);
                if (OtherIndex(line))
                {
                    continue;
                }

                var hasCredential = CredentialHints.Any(h => line.Contains(h, StringComparison.Ordinal)) || EnvHasCredential(scope);
                if (trusted && !hasCredential)
                {
                    continue;
                }

                var (start, end) = ScalarLocator.Locate(run, target.Source, at, at + command.Length);
                var message = trusted
                    ? $"'{step.DisplayName}' runs {command} with a stored credential; {command.Split(' ')[0]} can use Trusted Publishing instead"
                    : $"'{step.DisplayName}' runs {command}, which needs a stored token; publish with pypa/gh-action-pypi-publish or uv publish and Trusted Publishing";
                sink.Report(Rule, start, end, message, Severity.Info, trusted ? Confidence.High : Confidence.Medium, context: step.Node);
            }
        }
    }

    private static bool IsPyPi(string url) => url.Contains("pypi.org", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the command names an index other than PyPI or TestPyPI (a private registry, say).</summary>
    private static bool OtherIndex(string line)
    {
        foreach (var flag in (ReadOnlySpan<string>)["--repository-url", "--publish-url", "--index-url"])
        {
            var at = line.IndexOf(flag, StringComparison.Ordinal);
            if (at >= 0)
            {
                return !IsPyPi(line[at..]);
            }
        }

        return false;
    }

    private static bool EnvHasCredential(StepScope scope)
    {
        foreach (var name in (ReadOnlySpan<string>)["TWINE_PASSWORD", "UV_PUBLISH_TOKEN", "UV_PUBLISH_PASSWORD", "PDM_PUBLISH_PASSWORD", "HATCH_INDEX_AUTH", "FLIT_PASSWORD", "POETRY_PYPI_TOKEN_PYPI"])
        {
            if (scope.LookupEnv(name) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Offset of <paramref name="command"/> as a command (word boundaries, any run of spaces between words), or -1.</summary>
    private static int FindCommand(string script, string command)
    {
        var at = 0;
        while ((at = script.IndexOf(command, at, StringComparison.Ordinal)) >= 0)
        {
            var before = at == 0 ? ' ' : script[at - 1];
            var afterIndex = at + command.Length;
            var after = afterIndex >= script.Length ? ' ' : script[afterIndex];
            if ((char.IsWhiteSpace(before) || before is ';' or '&' or '|' or '(' or '`' or '"') && (char.IsWhiteSpace(after) || after is ';' or '&' or '|' or ')' or '"'))
            {
                var lineStart = script.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
                if (!script.AsSpan(lineStart, at - lineStart).TrimStart().StartsWith("#"))
                {
                    return at;
                }
            }

            at += command.Length;
        }

        return -1;
    }

    /// <summary>The logical line around an offset, following backslash continuations.</summary>
    private static string LineAround(string script, int at)
    {
        var start = script.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
        var end = at;
        while (true)
        {
            var newline = script.IndexOf('\n', end);
            if (newline < 0)
            {
                end = script.Length;
                break;
            }

            end = newline;
            if (newline > 0 && script[newline - 1] == '\\')
            {
                end = newline + 1;
                continue;
            }

            break;
        }

        return " " + script[start..end] + " ";
    }
}
