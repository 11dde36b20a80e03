using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Knowledge;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// artipacked (zizmor.md §2): <c>actions/checkout</c> without <c>persist-credentials: false</c>. High/High when a
/// later <c>actions/upload-artifact</c> uploads the workspace, Medium/Low otherwise; checkout v6 or later lowers the
/// severity one step. An explicit <c>true</c> is for auditors, an expression for pedants. The fix
/// (<c>persist-credentials: false</c>) is not offered when a later step of the job uses the persisted credentials
/// (<see cref="TokenUse.CredentialUser"/>: <c>git push</c>/<c>fetch</c>, <c>gh</c>, <c>mkdocs gh-deploy</c>, a pushing action).
/// </summary>
public sealed class ArtipackedAudit : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.Artipacked;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        if (target.Workflow is { } workflow)
        {
            foreach (var job in workflow.Jobs.OfType<NormalJob>())
            {
                AuditSteps(target, job, job.Steps, sink);
            }
        }
        else if (target.Action is { } action)
        {
            AuditSteps(target, null, action.Steps, sink);
        }
    }

    private void AuditSteps(AuditTarget target, NormalJob? job, IReadOnlyList<Step> steps, FindingSink sink)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (step.Uses is not { } uses || !uses.Is(KnownActions.Checkout) || step.UsesNode is not { } at)
            {
                continue;
            }

            if (step.Node.Get("with") is YamlScalar { IsNull: false })
            {
                sink.Report(Rule, at, $"checkout '{step.DisplayName}' takes all its inputs from an expression; persist-credentials cannot be checked", Severity.Medium, Confidence.Low, Persona.Pedantic, step.Node);
                continue;
            }

            var persist = step.Input("persist-credentials");
            if (persist?.AsBoolean() == false || persist?.Value is "false")
            {
                continue;
            }

            if (persist is not null && persist.Value.Contains("${{", StringComparison.Ordinal))
            {
                sink.Report(Rule, persist, $"checkout '{step.DisplayName}' decides persist-credentials by an expression", Severity.Medium, Confidence.Low, Persona.Pedantic, step.Node);
                continue;
            }

            var upload = steps.Skip(i + 1).FirstOrDefault(s => s.Uses is { } u && u.Is(KnownActions.UploadArtifact) && UploadsWorkspace(s, step));
            var severity = upload is null ? Severity.Medium : Severity.High;
            if (ActionVersion.Major(uses, at, target.Source) >= 6)
            {
                severity = severity == Severity.High ? Severity.Medium : Severity.Low; // v6 keeps the token out of .git/config
            }

            var persona = persist is not null ? Persona.Auditor : Persona.Regular; // an explicit true is a deliberate choice
            var message = upload is null
                ? $"checkout '{step.DisplayName}' leaves the GITHUB_TOKEN in .git/config for every later step"
                : $"checkout '{step.DisplayName}' leaves the GITHUB_TOKEN in .git/config and '{upload.DisplayName}' uploads the workspace as an artifact";

            // a later push, fetch or gh call may rely on the persisted credentials: dropping them would break it, so the
            // finding stays but the edit is left to a person (who can hand that step a token explicitly)
            var user = TokenUse.Of(target, job, steps, i + 1).CredentialUser;
            var fix = user is null ? PersistCredentialsFix(target, step, persist) : null;
            if (user is not null)
            {
                message += $"; {user} with them later, so there is no automatic fix (give that step the token explicitly, then set persist-credentials: false)";
            }
            sink.Report(Rule, at, message, severity, upload is null ? Confidence.Low : Confidence.High, persona, step.Node, fix);
        }
    }

    /// <summary>
    /// The fix: <c>persist-credentials: false</c> in the checkout's <c>with:</c> (an explicit <c>true</c> is replaced,
    /// a flow <c>with: {…}</c> gets one more entry, a missing <c>with:</c> is added). Null for layouts it cannot edit
    /// exactly. Unsafe in zizmor's sense: a later step that pushes with the persisted token stops working.
    /// </summary>
    private static Fix? PersistCredentialsFix(AuditTarget target, Step step, YamlScalar? persist)
    {
        const string Description = "add persist-credentials: false to the checkout";
        var text = target.Source.Text;
        if (persist is { Style: YamlScalarStyle.Plain })
        {
            return new Fix(Description, [new TextEdit(Span(target, persist.Start, persist.End), "false")]);
        }

        if (persist is not null)
        {
            return null;
        }

        if (step.With is { } with)
        {
            var open = step.Node.GetKey("with")!.End.Offset;
            while (open < text.Length && text[open] is ':' or ' ' or '\t')
            {
                open++;
            }

            if (open < text.Length && text[open] == '{')
            {
                // a flow mapping: the closing brace follows the last value (or the opening brace), past spaces only
                var close = with.Count == 0 ? open + 1 : YamlEdits.LastScalarEnd(with);
                while (close < text.Length && text[close] is ' ' or '\t' or '"' or '\'')
                {
                    close++;
                }

                if (close >= text.Length || text[close] != '}')
                {
                    return null;
                }

                var at = target.Source.PositionAt(close);
                return new Fix(Description, [new TextEdit(Span(target, at, at), with.Count == 0 ? "persist-credentials: false" : ", persist-credentials: false")]);
            }

            if (!YamlEdits.IsBlockMapping(target, with))
            {
                return null;
            }

            var indent = new string(' ', with.Entries[0].Key.Start.Column - 1);
            return new Fix(Description, [YamlEdits.InsertLinesAfter(target, with, $"{indent}persist-credentials: false\n")]);
        }

        if (step.Node.Get("with") is not null || !YamlEdits.IsBlockMapping(target, step.Node))
        {
            return null;
        }

        var stepIndent = new string(' ', step.Node.Entries[0].Key.Start.Column - 1);
        return new Fix(Description, [YamlEdits.InsertLinesAfter(target, step.Node, $"{stepIndent}with:\n{stepIndent}  persist-credentials: false\n")]);
    }

    private static SourceSpan Span(AuditTarget target, YamlPosition start, YamlPosition end) => new(target.Path, start.Line, start.Column, end.Line, end.Column);

    /// <summary>True when the upload's <c>path:</c> takes in the checkout directory (and so its .git folder).</summary>
    private static bool UploadsWorkspace(Step upload, Step checkout)
    {
        if (upload.Input("path") is not { } path)
        {
            return false;
        }

        var checkoutPath = checkout.Input("path")?.Value.Trim().TrimEnd('/') ?? "";
        foreach (var raw in path.Value.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('!'))
            {
                continue; // blank, or an exclusion
            }

            line = line.TrimEnd('/');
            if (line is "" or "." or "*" or "**" or "./*" or "./**" or "**/*" or "${{ github.workspace }}" or "$GITHUB_WORKSPACE" or "${GITHUB_WORKSPACE}"
                || (checkoutPath.Length > 0 && (line == checkoutPath || line == "./" + checkoutPath)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The major version of a <c>vN[.M…]</c> ref, or 0 when it is not one (a SHA, a branch).</summary>
    internal static int MajorVersion(string? reference)
    {
        if (reference is null || reference.Length < 2 || reference[0] != 'v')
        {
            return 0;
        }

        var end = 1;
        while (end < reference.Length && char.IsAsciiDigit(reference[end]))
        {
            end++;
        }

        return int.TryParse(reference.AsSpan(1, end - 1), out var major) ? major : 0;
    }
}
