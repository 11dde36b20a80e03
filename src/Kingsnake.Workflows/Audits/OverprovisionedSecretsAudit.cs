using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Expressions;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// overprovisioned-secrets: any expression in the file that uses the whole <c>secrets</c> object
/// (<c>toJSON(secrets)</c>, <c>secrets.*</c>) or indexes it with a computed name.
/// </summary>
public sealed class OverprovisionedSecretsAudit : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.OverprovisionedSecrets;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        if (!target.Source.Text.Contains("secrets", StringComparison.Ordinal))
        {
            return;
        }

        foreach (var (key, scalar) in DocumentWalker.Values(target.Document.Root))
        {
            var value = scalar.Value;
            if (!value.Contains("secrets", StringComparison.Ordinal))
            {
                continue;
            }

            var fences = FencedExpression.FindAll(value);
            if (fences.Count == 0 && key == "if" && ExpressionParser.TryParse(value, 0, value.Length, out var bare, out _))
            {
                Check(target, sink, scalar, bare!, 0, value.Length);
            }

            foreach (var fence in fences)
            {
                if (fence.Syntax is { } syntax)
                {
                    Check(target, sink, scalar, syntax, fence.Start, fence.End);
                }
            }
        }
    }

    private void Check(AuditTarget target, FindingSink sink, YamlScalar scalar, ExpressionSyntax syntax, int start, int end)
    {
        foreach (var context in ExpressionFlow.AllContexts(syntax))
        {
            if (context.Pattern is "secrets" or "secrets.*")
            {
                var (from, to) = ScalarLocator.Locate(scalar, target.Source, start, end);
                var how = context.Pattern == "secrets" ? "the whole secrets context" : "a secret chosen by a computed name";
                sink.Report(Rule, from, to, $"{scalar.Value[start..end]} exposes {how}", Severity.Medium, Confidence.High);
                return;
            }
        }
    }
}
