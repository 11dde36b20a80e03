using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Workflows.Auditing;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// github-app (zizmor.md §2): <c>actions/create-github-app-token</c> minting broader or longer-lived tokens than
/// needed: <c>skip-token-revoke</c> (true: high; by an expression: low confidence), <c>owner:</c> without
/// <c>repositories:</c> (a token for every repository of the installation), and no <c>permission-*</c> input (every
/// permission of the installation).
/// </summary>
public sealed class GitHubAppAudit : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.GitHubApp;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        foreach (var scope in StepScope.All(target))
        {
            var step = scope.Step;
            if (step.Uses is not { } uses || !uses.Is("actions/create-github-app-token") || step.UsesNode is not { } at)
            {
                continue;
            }

            if (step.Input("skip-token-revoke") is { IsNull: false } skip)
            {
                if (skip.AsBoolean() == true)
                {
                    sink.Report(Rule, skip, $"'{step.DisplayName}' leaves its app token valid after the job (skip-token-revoke)", Severity.High, Confidence.High, context: step.Node);
                }
                else if (skip.Value.Contains("${{", StringComparison.Ordinal))
                {
                    sink.Report(Rule, skip, $"'{step.DisplayName}' may leave its app token valid after the job (skip-token-revoke by an expression)", Severity.High, Confidence.Low, context: step.Node);
                }
            }

            if (step.Input("owner") is { IsNull: false } owner && step.Input("repositories") is null)
            {
                sink.Report(Rule, owner, $"'{step.DisplayName}' mints a token for every repository of '{owner.Value}' that the app is installed on; list repositories:", Severity.High, Confidence.High, context: step.Node);
            }

            if (step.With?.Entries.Any(e => e.Key.Value.StartsWith("permission-", StringComparison.Ordinal)) != true)
            {
                sink.Report(Rule, at, $"'{step.DisplayName}' mints a token with every permission of the app's installation; add permission-<scope>: inputs", Severity.High, Confidence.High, context: step.Node);
            }
        }
    }
}
