using System.Runtime.CompilerServices;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Expressions;
using Kingsnake.Workflows.Knowledge;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// template-injection: <c>${{ }}</c> expanded into code (<c>run:</c>, or a code input of a known action),
/// graded by how much of the value an outsider controls and by who can trigger the workflow.
/// Follows zizmor's rules (zizmor.md §4) with two refinements: <c>env.X</c> is followed to the <c>env:</c> entry
/// that sets it, and workflows only writers can trigger are graded one step lower.
/// </summary>
public sealed class TemplateInjectionAudit : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.TemplateInjection;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        var externallyTriggered = target.Workflow is not { } workflow || workflow.Triggers.Any(t => Triggers.IsExternallyTriggerable(t.Name));
        foreach (var scope in StepScope.All(target))
        {
            var step = scope.Step;
            if (step.Run is { } run)
            {
                AuditSink(target, sink, scope, run, "run:", externallyTriggered, isShell: true);
            }

            if (step.Uses is { Kind: UsesKind.Repository } uses)
            {
                foreach (var input in KnownActions.CodeInputsOf(uses.ActionName))
                {
                    if (step.With?.Entries.FirstOrDefault(e => e.Key.Value.Equals(input, StringComparison.OrdinalIgnoreCase)).Value is YamlScalar code)
                    {
                        AuditSink(target, sink, scope, code, $"{uses.Owner}/{uses.Repo} {input}:", externallyTriggered, isShell: false);
                    }
                }
            }
        }
    }

    private void AuditSink(AuditTarget target, FindingSink sink, StepScope scope, YamlScalar code, string where, bool externallyTriggered, bool isShell)
    {
        var fixer = isShell ? InjectionFix.For(target, scope, code) : null;
        foreach (var fenced in FencedExpression.FindAll(code.Value))
        {
            if (fenced.Syntax is not { } syntax)
            {
                continue; // unparsable: GitHub itself would reject the workflow; nothing sound to say about it
            }

            var (start, end) = ScalarLocator.Locate(code, target.Source, fenced.Start, fenced.End);
            var flagged = false;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var context in ExpressionFlow.ValueContexts(syntax))
            {
                if (!seen.Add(context.Pattern) || GradeContext(context, scope, 0) is not { } grade)
                {
                    continue;
                }

                flagged = true;
                var severity = externallyTriggered ? grade.Severity : StepDown(grade.Severity);
                var expression = fenced.Text(code.Value);

                // a value outsiders cannot write (a literal env var, a choice input) is worth a note, not a rewrite
                var fix = fixer is not null && grade.Persona != Persona.Pedantic ? fixer.Create(fenced, start, end) : default;
                var whyNot = fix.WhyNot is null ? "" : $"; no automatic fix: {fix.WhyNot}";
                sink.Report(
                    Rule,
                    start,
                    end,
                    $"{expression} in {where} of '{scope.Step.DisplayName}' expands {grade.Why} into code{whyNot}",
                    severity,
                    grade.Confidence,
                    grade.Persona,
                    scope.Step.Node,
                    fix.Fix,
                    fingerprint: $"{scope.Job?.Id} {scope.Step.DisplayName} {expression}");
            }

            if (!flagged)
            {
                sink.Report(Rule, start, end, $"{fenced.Text(code.Value)} in {where} of '{scope.Step.DisplayName}' is expanded into code; an environment variable is safer", Severity.Low, Confidence.High, Persona.Pedantic, scope.Step.Node);
            }
        }
    }

    private static Severity StepDown(Severity severity) => severity switch
    {
        Severity.Critical => Severity.High,
        Severity.High => Severity.Medium,
        Severity.Medium => Severity.Low,
        _ => severity,
    };

    internal readonly record struct InjectionGrade(Severity Severity, Confidence Confidence, Persona Persona, string Why);

    /// <summary>How dangerous one context is in code; null when it cannot carry attacker text.</summary>
    internal static InjectionGrade? GradeContext(ContextReference context, StepScope scope, int depth)
    {
        var pattern = context.Pattern;
        if (context.IsCallLed)
        {
            return new(Severity.Info, Confidence.Low, Persona.Regular, $"'{pattern}' (computed, origin unknown)");
        }

        switch (context.Root)
        {
            case "secrets":
                return null; // secrets are masked and not attacker-chosen
            case "inputs":
                return GradeInput(pattern["inputs.".Length..], scope, pattern);
            case "env":
                return GradeEnv(pattern, scope, depth);
            case "matrix":
                return MatrixIsLiteral(scope.Job) ? null : new(Severity.Medium, Confidence.Medium, Persona.Regular, $"'{pattern}' (a matrix value built from expressions)");
        }

        if (context.StartsWith("github.event.inputs"))
        {
            return GradeInput(pattern["github.event.inputs.".Length..], scope, pattern);
        }

        switch (ContextCapabilities.Lookup(pattern))
        {
            case ContextCapability.Fixed:
                return null;
            case ContextCapability.Arbitrary:
                return new(Severity.High, Confidence.High, Persona.Regular, $"'{pattern}' (free text an attacker can write)");
            case ContextCapability.Structured:
                return new(Severity.Medium, Confidence.High, Persona.Regular, $"'{pattern}' (structured text an attacker can shape)");
        }

        if (context.Root == "github")
        {
            return new(Severity.High, Confidence.High, Persona.Regular, $"'{pattern}' (GitHub context that may carry attacker text)");
        }

        return new(Severity.Info, Confidence.Low, Persona.Regular, $"'{pattern}' (origin unknown)");
    }

    private static InjectionGrade? GradeInput(string name, StepScope scope, string pattern)
    {
        if (scope.Action is not null)
        {
            return new(Severity.High, Confidence.High, Persona.Regular, $"'{pattern}' (an action input: free text from the caller)");
        }

        var declared = scope.Workflow is { } workflow ? DeclaredInputs.GetValue(workflow, IndexInputs).GetValueOrDefault(name) ?? [] : [];
        if (declared.Count == 0)
        {
            return new(Severity.Low, Confidence.Low, Persona.Regular, $"'{pattern}' (an undeclared input)");
        }

        if (declared.All(i => i.IsConstrained))
        {
            return new(Severity.Low, Confidence.High, Persona.Pedantic, $"'{pattern}' (a {declared[0].Type} input)");
        }

        return new(Severity.High, Confidence.High, Persona.Regular, $"'{pattern}' (a free-text input)");
    }

    private static InjectionGrade? GradeEnv(string pattern, StepScope scope, int depth)
    {
        var name = pattern["env.".Length..];
        if (name.Contains('.', StringComparison.Ordinal) || name.Contains('*', StringComparison.Ordinal))
        {
            return new(Severity.Low, Confidence.High, Persona.Regular, $"'{pattern}'");
        }

        switch (scope.LookupEnv(name))
        {
            case null:
                // set by a previous step through GITHUB_ENV, or by the runner: origin unknown
                return new(Severity.Low, Confidence.High, Persona.Regular, $"'{pattern}' (an environment variable set outside this file's env: blocks)");
            case YamlScalar value when depth < 4:
                InjectionGrade? worst = null;
                foreach (var fenced in FencedExpression.FindAll(value.Value))
                {
                    if (fenced.Syntax is null)
                    {
                        continue;
                    }

                    foreach (var inner in ExpressionFlow.ValueContexts(fenced.Syntax))
                    {
                        if (GradeContext(inner, scope, depth + 1) is { } grade && (worst is null || grade.Severity > worst.Value.Severity))
                        {
                            worst = grade with { Why = $"'{pattern}', which is set from {grade.Why}" };
                        }
                    }
                }

                return worst ?? new(Severity.Low, Confidence.High, Persona.Pedantic, $"'{pattern}' (a literal environment variable)");
            default:
                return new(Severity.Low, Confidence.High, Persona.Regular, $"'{pattern}'");
        }
    }

    /// <summary>
    /// The inputs <c>workflow_dispatch</c> and <c>workflow_call</c> declare, by name (ignoring case), in the order
    /// declared. Built once per workflow: each <c>${{ inputs.x }}</c> used to read every trigger's inputs again.
    /// </summary>
    private static readonly ConditionalWeakTable<WorkflowFile, Dictionary<string, List<WorkflowInput>>> DeclaredInputs = new();

    /// <summary>Whether each matrix (by node) holds only literals, worked out once however many expressions read it.</summary>
    private static readonly ConditionalWeakTable<YamlNode, StrongBox<bool>> LiteralMatrices = new();

    private static Dictionary<string, List<WorkflowInput>> IndexInputs(WorkflowFile workflow)
    {
        var index = new Dictionary<string, List<WorkflowInput>>(StringComparer.OrdinalIgnoreCase);
        foreach (var trigger in workflow.Triggers.Where(t => t.Name is "workflow_dispatch" or "workflow_call"))
        {
            foreach (var input in trigger.Inputs)
            {
                if (!index.TryGetValue(input.Name, out var list))
                {
                    index[input.Name] = list = [];
                }

                list.Add(input);
            }
        }

        return index;
    }

    /// <summary>True when every matrix value is a literal (no expressions, no <c>fromJSON</c>).</summary>
    private static bool MatrixIsLiteral(NormalJob? job)
    {
        var matrix = job?.Matrix;
        if (matrix is null)
        {
            return true; // no matrix: matrix.* is empty
        }

        return LiteralMatrices.GetValue(matrix, node => new StrongBox<bool>(ScanMatrix(node))).Value;
    }

    private static bool ScanMatrix(YamlNode matrix)
    {

        var stack = new Stack<YamlNode>();
        stack.Push(matrix);
        var visited = 0;
        while (stack.Count > 0 && visited++ < 10_000)
        {
            switch (stack.Pop())
            {
                case YamlScalar scalar when scalar.Value.Contains("${{", StringComparison.Ordinal):
                    return false;
                case YamlMapping mapping:
                    foreach (var (_, value) in mapping.Entries)
                    {
                        stack.Push(value);
                    }

                    break;
                case YamlSequence sequence:
                    foreach (var item in sequence.Items)
                    {
                        stack.Push(item);
                    }

                    break;
            }
        }

        return true;
    }
}
