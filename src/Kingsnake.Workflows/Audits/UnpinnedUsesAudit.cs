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
        else if (target.PreCommit is { } preCommit)
        {
            foreach (var repo in preCommit.Repos)
            {
                CheckHook(repo, sink);
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

    /// <summary>
    /// A pre-commit repository's <c>rev:</c>. <c>pre-commit autoupdate</c> writes tags, and <c>--freeze</c> writes SHAs: a
    /// missing or branch-like rev is high; a tag is medium, reported to the pedantic persona (or to everyone under
    /// <see cref="UnpinnedPolicy.HashPinAll"/>).
    /// </summary>
    private void CheckHook(PreCommitRepo repo, FindingSink sink)
    {
        if (repo.IsPseudo)
        {
            return;
        }

        var kind = UsesReference.ClassifyRef(repo.Rev?.Value);
        var at = (YamlNode?)repo.Rev ?? repo.Repo;
        switch (kind)
        {
            case UsesRefKind.CommitSha:
                return;
            case UsesRefKind.None or UsesRefKind.Branch or UsesRefKind.ShortSha:
                var why = kind == UsesRefKind.None ? "has no rev" : $"uses rev '{repo.Rev!.Value}', which can change";
                sink.Report(Rule, at, $"hook repository {repo.Repo.Value} {why}; pin a full commit SHA (pre-commit autoupdate --freeze)", Severity.High, Confidence.High, context: repo.Node);
                return;
            default:
                if (policy != UnpinnedPolicy.RefPin)
                {
                    sink.Report(Rule, at, $"hook repository {repo.Repo.Value} uses the mutable tag '{repo.Rev!.Value}'; pin a full commit SHA (pre-commit autoupdate --freeze)", Severity.Medium, Confidence.High, policy == UnpinnedPolicy.HashPinAll ? Persona.Regular : Persona.Pedantic, repo.Node);
                }

                return;
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
