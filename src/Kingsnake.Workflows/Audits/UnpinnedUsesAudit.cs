using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Knowledge;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// unpinned-uses: repository <c>uses:</c> of steps, reusable-workflow calls and composite steps, judged by policy. When
/// <paramref name="pins"/> knows the commit of the tag, the finding carries a fix that pins it and keeps the release
/// as a trailing comment (<c>uses: actions/checkout@&lt;sha&gt; # v4.2.2</c>), which Dependabot and Renovate update.
/// </summary>
public sealed class UnpinnedUsesAudit(UnpinnedPolicy policy, ActionPins? pins = null) : WorkflowAudit
{
    private readonly ActionPins _pins = pins ?? ActionPins.None;

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
                        Check(target, call.Uses, call.UsesNode, job.Node, sink);
                        break;
                    case NormalJob normal:
                        foreach (var step in normal.Steps)
                        {
                            if (step.Uses is { } uses && step.UsesNode is { } node)
                            {
                                Check(target, uses, node, step.Node, sink);
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
                    Check(target, uses, node, step.Node, sink);
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

    private void Check(AuditTarget target, UsesReference uses, YamlScalar node, YamlNode context, FindingSink sink)
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
            var pin = uses.RefKind is UsesRefKind.VersionTag or UsesRefKind.Symbolic ? _pins.Resolve(uses.Slug, uses.Ref!) : null;
            var fix = pin is null ? null : PinFix(target, uses, node, pin);
            var advice = fix is null ? "pin a full commit SHA" : $"pin a full commit SHA ({pin!.Tag} is {pin.Sha[..12]}… according to {pin.Origin})";
            sink.Report(Rule, node, $"{uses.Owner}/{uses.Repo}{(uses.Path.Length > 0 ? "/" + uses.Path : "")} {g.Why}; {advice}", g.Severity, g.Confidence, context: context, fix: fix);
        }
    }

    /// <summary>
    /// The pin: the ref after '@' becomes the SHA and <c> # tag</c> is added after the value. Only for a one-line value
    /// followed by nothing but a comment (in a flow mapping the comment would swallow the rest of the line). The tag in
    /// the comment is the pinned release itself, so <c>@v4</c> pinned to v4.2.0's commit reads <c># v4.2.0</c>.
    /// </summary>
    private static Fix? PinFix(AuditTarget target, UsesReference uses, YamlScalar node, ActionPin pin)
    {
        var text = target.Source.Text;
        if (node.Start.Line != node.End.Line || node.IsBlock)
        {
            return null;
        }

        var written = text.AsSpan(node.Start.Offset, node.End.Offset - node.Start.Offset);
        var refAt = written.LastIndexOf("@" + uses.Ref, StringComparison.Ordinal);
        if (refAt < 0 || (node.Style != YamlScalarStyle.Plain && written.Slice(refAt + 1 + uses.Ref!.Length).Length != 1))
        {
            return null;
        }

        var lineEnd = text.IndexOf('\n', node.End.Offset);
        var rest = text.AsSpan(node.End.Offset, (lineEnd < 0 ? text.Length : lineEnd) - node.End.Offset).TrimEnd('\r');
        var restTrimmed = rest.TrimStart(" \t");
        if (restTrimmed.Length > 0 && restTrimmed[0] != '#')
        {
            return null;
        }

        var refStart = target.Source.PositionAt(node.Start.Offset + refAt + 1);
        var refEnd = target.Source.PositionAt(node.Start.Offset + refAt + 1 + uses.Ref!.Length);
        var after = node.End;
        var path = target.Path;
        TextEdit[] edits =
        [
            new(new SourceSpan(path, refStart.Line, refStart.Column, refEnd.Line, refEnd.Column), pin.Sha),
            new(new SourceSpan(path, after.Line, after.Column, after.Line, after.Column), $" # {pin.Tag}"),
        ];
        var release = pin.Tag.Equals(uses.Ref, StringComparison.OrdinalIgnoreCase) ? pin.Tag : $"{pin.Tag}, the newest {uses.Ref} release known";
        return new Fix($"pin {uses.Slug} to {pin.Sha} ({release}; from {pin.Origin})", edits);
    }
}
