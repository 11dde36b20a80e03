using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Expressions;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// secrets-outside-env (zizmor.md §2, auditor persona): <c>secrets.X</c> (other than <c>GITHUB_TOKEN</c>) used in a
/// normal job that has no <c>environment:</c>. Environment secrets can require reviewers and be limited to branches;
/// repository secrets reach every job on every branch. Reusable-only workflows are skipped (their caller decides).
/// One finding per secret per job.
/// </summary>
public sealed class SecretsOutsideEnvAudit : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.SecretsOutsideEnv;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        if (target.Workflow is not { } workflow || workflow.IsReusableOnly || !target.Source.Text.Contains("secrets.", StringComparison.Ordinal))
        {
            return;
        }

        foreach (var job in workflow.Jobs.OfType<NormalJob>())
        {
            if (job.Environment is not null)
            {
                continue;
            }

            var reported = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (_, scalar) in DocumentWalker.Values(job.Node))
            {
                if (!scalar.Value.Contains("secrets", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (var fence in FencedExpression.FindAll(scalar.Value))
                {
                    if (fence.Syntax is null)
                    {
                        continue;
                    }

                    foreach (var context in ExpressionFlow.AllContexts(fence.Syntax))
                    {
                        if (context.Root != "secrets" || context.Pattern is "secrets" or "secrets.*" or "secrets.github_token")
                        {
                            continue;
                        }

                        var name = context.Pattern["secrets.".Length..];
                        if (reported.Add(name))
                        {
                            var (start, end) = ScalarLocator.Locate(scalar, target.Source, fence.Start, fence.End);
                            sink.Report(Rule, start, end, $"job '{job.Id}' uses the repository secret {name.ToUpperInvariant()} without an environment:, so every branch's runs can read it", Severity.Medium, Confidence.High, Persona.Auditor, job.Node);
                        }
                    }
                }
            }
        }
    }
}
