using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Knowledge;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// use-trusted-publishing, Python part (zizmor.md §2): the PyPA action with <c>password:</c>, and upload commands in
/// <c>run:</c>. Unlike zizmor, a <c>twine upload</c> / <c>uv publish</c> / <c>pdm publish</c> with no credential in
/// sight is not reported (those tools use Trusted Publishing on their own), and uploads to other indexes are skipped.
/// The PyPA action case carries a fix (<see cref="TrustedPublishingFix"/>); an upload command in <c>run:</c> does not:
/// whether dropping <c>TWINE_PASSWORD</c> works depends on the tool's version and on where else the variable is used.
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
                    var fix = scope is { Job: { } job, Workflow: { } workflow } ? TrustedPublishingFix(target, step, job, workflow) : null;
                    sink.Report(Rule, passwordKey.Start, step.With.Get("password")!.End, $"'{step.DisplayName}' uploads to PyPI with an API token; Trusted Publishing needs no stored secret", Severity.Info, Confidence.High, context: step.Node, fix: fix);
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

    /// <summary>
    /// The switch to Trusted Publishing: the <c>password:</c> and <c>user:</c> lines of the step go (and <c>with:</c> when
    /// nothing else is left in it), and the job gets <c>id-token: write</c>. An existing job block gains the scope; a job
    /// without one gets a block that keeps what it had (the workflow's scopes, or <c>contents: read</c> when the workflow
    /// declares none) plus <c>id-token: write</c>. Null when the layout is not plain block YAML or the job's grant is
    /// <c>read-all</c> or an expression, where the right permissions are a judgement call. Unsafe: the publish fails until the
    /// PyPI project registers this repository and workflow as a trusted publisher.
    /// </summary>
    private static Fix? TrustedPublishingFix(AuditTarget target, Step step, NormalJob job, WorkflowFile workflow)
    {
        if (step.With is not { } with || step.Node.GetKey("with") is not { } withKey || !YamlEdits.IsBlockMapping(target, with))
        {
            return null;
        }

        var edits = new List<TextEdit>();
        var credentials = with.Entries.Where(e => e.Key.Value is "password" or "user" or "username").ToList();
        if (credentials.Count == with.Count)
        {
            if (!YamlEdits.KeyIsAloneOnLine(target, withKey) || YamlEdits.DeleteEntryLines(target, withKey, with) is not { } deleteWith)
            {
                return null;
            }

            edits.Add(deleteWith);
        }
        else
        {
            foreach (var (key, value) in credentials)
            {
                if (YamlEdits.DeleteEntryLines(target, key, value) is not { } delete)
                {
                    return null;
                }

                edits.Add(delete);
            }
        }

        if (!GrantIdToken(target, job, workflow, edits))
        {
            return null;
        }

        return new Fix(
            $"publish job '{job.Id}' with PyPI Trusted Publishing: drop the API token from the step and grant id-token: write (register this repository and workflow as a trusted publisher in the PyPI project's settings first, then delete the token)",
            edits);
    }

    /// <summary>Adds the edits that give <paramref name="job"/> <c>id-token: write</c>; false when that is not mechanical.</summary>
    private static bool GrantIdToken(AuditTarget target, NormalJob job, WorkflowFile workflow, List<TextEdit> edits)
    {
        switch (job.Permissions)
        {
            case { Kind: PermissionsKind.WriteAll }:
                return true;
            case { Kind: PermissionsKind.Explicit } permissions:
                return AddScope(target, permissions, edits);
            case null:
                break;
            default:
                return false;
        }

        // no job block: the job runs with the workflow's grant (or the repository default)
        var inherited = workflow.Permissions;
        if (inherited is { Kind: PermissionsKind.WriteAll } || inherited?.Scopes.Any(s => s.Name == "id-token" && s.IsWrite) == true)
        {
            return true;
        }

        if (inherited is { Kind: not PermissionsKind.Explicit } || job.Node.GetKey("steps") is not { } stepsKey || !YamlEdits.IsBlockMapping(target, job.Node))
        {
            return false;
        }

        var indent = new string(' ', stepsKey.Start.Column - 1);
        var unit = new string(' ', Math.Max(2, stepsKey.Start.Column - job.IdNode.Start.Column));
        var scopes = inherited is null
            ? ["contents: read"]
            : inherited.Scopes.Where(s => s.Name != "id-token").Select(s => $"{s.Name}: {s.Level}").ToList();
        var block = new System.Text.StringBuilder().Append(indent).Append("permissions:\n");
        foreach (var scope in scopes)
        {
            block.Append(indent).Append(unit).Append(scope).Append('\n');
        }

        block.Append(indent).Append(unit).Append("id-token: write\n");
        edits.Add(YamlEdits.InsertLinesBefore(target, stepsKey, block.ToString()));
        return true;
    }

    /// <summary>Makes an explicit job block grant <c>id-token: write</c>: the existing scope's level is replaced, or a line is added.</summary>
    private static bool AddScope(AuditTarget target, Permissions permissions, List<TextEdit> edits)
    {
        if (permissions.Scopes.FirstOrDefault(s => s.Name == "id-token") is { } idToken)
        {
            if (idToken.IsWrite)
            {
                return true;
            }

            if (idToken.Value is not YamlScalar { Style: YamlScalarStyle.Plain } level)
            {
                return false;
            }

            edits.Add(YamlEdits.Replace(target, level, "write"));
            return true;
        }

        if (permissions.Node is YamlMapping { Count: 0 } empty && target.Source.Text.AsSpan(empty.Start.Offset).StartsWith("{}"))
        {
            var end = target.Source.PositionAt(empty.Start.Offset + 2);
            edits.Add(new TextEdit(new SourceSpan(target.Path, empty.Start.Line, empty.Start.Column, end.Line, end.Column), "{ id-token: write }"));
            return true;
        }

        if (permissions.Node is not YamlMapping mapping || !YamlEdits.IsBlockMapping(target, mapping))
        {
            return false;
        }

        var indent = new string(' ', mapping.Entries[0].Key.Start.Column - 1);
        edits.Add(YamlEdits.InsertLinesAfter(target, mapping, $"{indent}id-token: write\n"));
        return true;
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
