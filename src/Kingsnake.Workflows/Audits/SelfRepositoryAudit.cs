using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// self-repository (zizmor.md §2): a step's <c>uses: ./path</c> resolves against the workspace, which is whatever the
/// job checked out (possibly a pull request's head, or nothing yet). GitHub's self-repository form <c>$/path</c>
/// (2026-07) names the action in the workflow's own repository and commit. Safe fix: <c>./</c> → <c>$/</c>, offered
/// only where both name the same file (not after a checkout with <c>ref:</c>, <c>repository:</c> or <c>path:</c>, and not
/// in composite actions).
/// Reusable-workflow calls (<c>jobs.*.uses: ./.github/workflows/x.yml</c>) already resolve to the caller's commit and
/// are not reported.
/// </summary>
public sealed class SelfRepositoryAudit : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.SelfRepository;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        foreach (var site in UsesSites.All(target, includeReusableCalls: false))
        {
            if (site.Uses.Kind != UsesKind.Local || !site.Uses.Raw.StartsWith("./", StringComparison.Ordinal))
            {
                continue;
            }

            // the edit keeps behaviour only when the workspace holds this repository at the workflow's commit: not after a
            // checkout of another ref, repository or path (there ./ and $/ name different files, which is the risk being
            // reported), and not in a composite action, whose ./ is its caller's workspace
            var blocker = target.Action is not null ? "in a composite action ./ is the caller's workspace" : CheckoutElsewhere(target, site.Step);
            Fix? fix = null;
            var start = site.Node.Start.Offset + (site.Node.Style is YamlScalarStyle.SingleQuoted or YamlScalarStyle.DoubleQuoted ? 1 : 0);
            var text = target.Source.Text;
            while (start < text.Length && text[start] == ' ')
            {
                start++;
            }

            if (blocker is null && start + 2 <= text.Length && text.AsSpan(start, 2).SequenceEqual("./"))
            {
                var at = target.Source.PositionAt(start);
                fix = new Fix("name the action in this repository with $/", [new TextEdit(new SourceSpan(target.Path, at.Line, at.Column, at.Line, at.Column + 2), "$/")]);
            }

            var message = $"'{site.Uses.Raw}' runs whatever is at that path in the workspace; '$/{site.Uses.Raw[2..]}' names this repository's own action";
            if (blocker is not null)
            {
                message += $" (no automatic fix: {blocker}, so the two can differ)";
            }

            sink.Report(Rule, site.Node, message, Severity.Low, Confidence.High, context: site.Context, fix: fix);
        }
    }

    /// <summary>Why the workspace may not be this repository at the workflow's commit when <paramref name="step"/> runs, or null.</summary>
    private static string? CheckoutElsewhere(AuditTarget target, Step? step)
    {
        if (step is null || target.Workflow is null)
        {
            return null;
        }

        var job = target.Workflow.Jobs.OfType<NormalJob>().FirstOrDefault(j => j.Steps.Contains(step));
        foreach (var earlier in job?.Steps.Take(step.Index) ?? [])
        {
            if (earlier.Uses is { } uses && uses.Is(Knowledge.KnownActions.Checkout) && HasAny(earlier, "ref", "repository", "path") is { } input)
            {
                return $"'{earlier.DisplayName}' checks out with {input}:";
            }
        }

        return null;
    }

    private static string? HasAny(Step step, params ReadOnlySpan<string> inputs)
    {
        foreach (var input in inputs)
        {
            if (step.Input(input) is { IsNull: false })
            {
                return input;
            }
        }

        return null;
    }
}
