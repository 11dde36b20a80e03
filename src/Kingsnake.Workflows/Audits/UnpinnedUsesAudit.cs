using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Model;
using Kingsnake.Workflows.Yaml;

namespace Kingsnake.Workflows.Audits;

/// <summary>unpinned-uses: repository <c>uses:</c> of steps, reusable-workflow calls and composite steps, judged by policy.</summary>
public sealed class UnpinnedUsesAudit(UnpinnedPolicy policy) : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.UnpinnedUses;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        if (target.Workflow is { } workflow)
        {
            foreach (var job in workflow.Jobs)
            {
                switch (job)
                {
                    case ReusableWorkflowCallJob call:
                        Check(call.Uses, call.UsesNode, job.Node, sink);
                        break;
                    case NormalJob normal:
                        foreach (var step in normal.Steps)
                        {
                            if (step.Uses is { } uses && step.UsesNode is { } node)
                            {
                                Check(uses, node, step.Node, sink);
                            }
                        }

                        break;
                }
            }
        }
        else if (target.Action is { } action)
        {
            foreach (var step in action.Steps)
            {
                if (step.Uses is { } uses && step.UsesNode is { } node)
                {
                    Check(uses, node, step.Node, sink);
                }
            }
        }
    }

    private void Check(UsesReference uses, YamlScalar node, YamlNode context, FindingSink sink)
    {
        if (uses.Kind != UsesKind.Repository || uses.Owner.Contains("${{", StringComparison.Ordinal))
        {
            return;
        }

        var firstParty = uses.Owner.Equals("actions", StringComparison.OrdinalIgnoreCase) || uses.Owner.Equals("github", StringComparison.OrdinalIgnoreCase);
        (Severity Severity, Confidence Confidence, string Why)? grade = uses.RefKind switch
        {
            UsesRefKind.CommitSha => null,
            UsesRefKind.None => (Severity.High, Confidence.High, "has no ref at all"),
            UsesRefKind.ShortSha => (Severity.High, Confidence.High, $"is pinned to the abbreviated SHA '{uses.Ref}', which is ambiguous"),
            UsesRefKind.Branch => (Severity.High, Confidence.High, $"follows the branch '{uses.Ref}', which changes on every push"),
            _ => policy switch
            {
                UnpinnedPolicy.RefPin => null,
                UnpinnedPolicy.HashPinAll => (Severity.High, Confidence.High, $"uses the mutable ref '{uses.Ref}'"),
                _ => firstParty
                    ? (Severity.Medium, Confidence.High, $"uses the mutable tag '{uses.Ref}' (a GitHub-owned action)")
                    : (Severity.High, Confidence.High, $"uses the mutable ref '{uses.Ref}'"),
            },
        };
        if (grade is { } g)
        {
            sink.Report(Rule, node, $"{uses.Owner}/{uses.Repo}{(uses.Path.Length > 0 ? "/" + uses.Path : "")} {g.Why}; pin a full commit SHA", g.Severity, g.Confidence, context: context);
        }
    }
}
