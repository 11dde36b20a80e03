using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// self-repository (zizmor.md §2): a step's <c>uses: ./path</c> resolves against the workspace, which is whatever the
/// job checked out (possibly a pull request's head, or nothing yet). GitHub's self-repository form <c>$/path</c>
/// (2026-07) names the action in the workflow's own repository and commit. Safe fix: <c>./</c> → <c>$/</c>.
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

            Fix? fix = null;
            var start = site.Node.Start.Offset + (site.Node.Style is YamlScalarStyle.SingleQuoted or YamlScalarStyle.DoubleQuoted ? 1 : 0);
            var text = target.Source.Text;
            while (start < text.Length && text[start] == ' ')
            {
                start++;
            }

            if (start + 2 <= text.Length && text.AsSpan(start, 2).SequenceEqual("./"))
            {
                var at = target.Source.PositionAt(start);
                fix = new Fix("name the action in this repository with $/", [new TextEdit(new SourceSpan(target.Path, at.Line, at.Column, at.Line, at.Column + 2), "$/")]);
            }

            sink.Report(Rule, site.Node, $"'{site.Uses.Raw}' runs whatever is at that path in the workspace; '$/{site.Uses.Raw[2..]}' names this repository's own action", Severity.Low, Confidence.High, context: site.Context, fix: fix);
        }
    }
}
