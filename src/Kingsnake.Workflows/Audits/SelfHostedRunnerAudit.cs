using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Expressions;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// self-hosted-runner (zizmor.md §2, auditor persona): a job's <c>runs-on</c> names <c>self-hosted</c>, a runner
/// <c>group</c>, a matrix value that expands to <c>self-hosted</c>, or an expression that cannot be resolved. Self-hosted
/// runners keep state between jobs, so on a public repository a fork's pull request can persist code on them. With a
/// trigger that outsiders can cause the finding goes to the regular persona.
/// </summary>
public sealed class SelfHostedRunnerAudit : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.SelfHostedRunner;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        if (target.Workflow is not { } workflow)
        {
            return;
        }

        var external = workflow.Triggers.Any(t => t.Name is "pull_request" or "pull_request_target" or "issue_comment" or "workflow_run");
        var persona = external ? Persona.Regular : Persona.Auditor;
        foreach (var job in workflow.Jobs.OfType<NormalJob>())
        {
            if (job.RunsOn is not { } runsOn)
            {
                continue;
            }

            switch (Classify(job, runsOn))
            {
                case Verdict.SelfHosted:
                    sink.Report(Rule, runsOn, $"job '{job.Id}' runs on a self-hosted runner{(external ? " on events that forks can trigger" : "")}", Severity.Medium, Confidence.High, persona, job.Node);
                    break;
                case Verdict.Unknown:
                    sink.Report(Rule, runsOn, $"job '{job.Id}' chooses its runner by an expression; it may be self-hosted", Severity.Medium, Confidence.Low, Persona.Auditor, job.Node);
                    break;
            }
        }
    }

    private enum Verdict
    {
        Hosted,
        SelfHosted,
        Unknown,
    }

    private static Verdict Classify(NormalJob job, YamlNode runsOn)
    {
        switch (runsOn)
        {
            case YamlMapping mapping:
                if (mapping.Get("group") is not null)
                {
                    return Verdict.SelfHosted; // runner groups hold larger or self-hosted runners
                }

                return mapping.Get("labels") is { } labels ? Classify(job, labels) : Verdict.Hosted;
            case YamlSequence sequence:
                var verdict = Verdict.Hosted;
                foreach (var item in sequence.Items)
                {
                    var one = Classify(job, item);
                    if (one == Verdict.SelfHosted)
                    {
                        return one;
                    }

                    verdict = one == Verdict.Unknown ? one : verdict;
                }

                return verdict;
            case YamlScalar scalar:
                return ClassifyLabel(job, scalar.Value);
            default:
                return Verdict.Hosted;
        }
    }

    private static Verdict ClassifyLabel(NormalJob job, string label)
    {
        if (label.Equals("self-hosted", StringComparison.OrdinalIgnoreCase))
        {
            return Verdict.SelfHosted;
        }

        var fences = FencedExpression.FindAll(label);
        if (fences.Count == 0)
        {
            return Verdict.Hosted;
        }

        foreach (var fence in fences)
        {
            if (fence.Syntax is null || ContextReference.From(fence.Syntax) is not { IsCallLed: false } context || !context.Pattern.StartsWith("matrix.", StringComparison.Ordinal))
            {
                return Verdict.Unknown;
            }

            var values = MatrixValues(job, context.Pattern["matrix.".Length..]);
            if (values is null)
            {
                return Verdict.Unknown;
            }

            if (values.Any(v => v.Equals("self-hosted", StringComparison.OrdinalIgnoreCase)))
            {
                return Verdict.SelfHosted;
            }
        }

        return Verdict.Hosted;
    }

    /// <summary>Every literal value a matrix key can take (rows, include entries, nested lists); null when any is not literal.</summary>
    private static List<string>? MatrixValues(NormalJob job, string key)
    {
        if (job.Matrix is not YamlMapping matrix)
        {
            return null;
        }

        var values = new List<string>();
        var found = false;
        foreach (var (name, value) in matrix.Entries)
        {
            if (name.Value.Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                found = true;
                if (!Flatten(value, values))
                {
                    return null;
                }
            }
            else if (name.Value == "include" && value is YamlSequence includes)
            {
                foreach (var include in includes.Items.OfType<YamlMapping>())
                {
                    if (include.Get(key) is { } included)
                    {
                        found = true;
                        if (!Flatten(included, values))
                        {
                            return null;
                        }
                    }
                }
            }
        }

        return found ? values : null;
    }

    private static bool Flatten(YamlNode node, List<string> into)
    {
        switch (node)
        {
            case YamlScalar scalar when !scalar.Value.Contains("${{", StringComparison.Ordinal):
                into.Add(scalar.Value);
                return true;
            case YamlSequence sequence:
                return sequence.Items.All(item => Flatten(item, into));
            default:
                return false;
        }
    }
}
