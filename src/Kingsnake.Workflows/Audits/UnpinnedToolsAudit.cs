using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Knowledge;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// unpinned-tools (zizmor.md §2): an action that downloads a tool (Trivy, the 1Password CLI) with no version input,
/// <c>latest</c>, or a version from an expression (low confidence). Pinning the action does not pin what it downloads.
/// </summary>
public sealed class UnpinnedToolsAudit : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.UnpinnedTools;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        foreach (var site in UsesSites.All(target, includeReusableCalls: false))
        {
            if (site.Uses.Kind != UsesKind.Repository || !ActionAdvice.ToolVersionInputs.TryGetValue(site.Uses.Slug, out var input) || site.Step is not { } step)
            {
                continue;
            }

            var version = step.Input(input);
            if (version is null || version.IsNull)
            {
                sink.Report(Rule, site.Node, $"{site.Uses.Slug} has no {input}: input, so it downloads the newest release on every run", Severity.Medium, Confidence.High, context: site.Context);
            }
            else if (version.Value.Trim().Equals("latest", StringComparison.OrdinalIgnoreCase))
            {
                sink.Report(Rule, version, $"{site.Uses.Slug} downloads the latest release on every run", Severity.Medium, Confidence.High, context: site.Context);
            }
            else if (version.Value.Contains("${{", StringComparison.Ordinal))
            {
                sink.Report(Rule, version, $"{site.Uses.Slug} takes its {input} from an expression; it may be unpinned", Severity.Medium, Confidence.Low, context: site.Context);
            }
        }
    }
}
