using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Expressions;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// obfuscation (zizmor.md §2): things written in a roundabout way that hide what runs. <c>uses:</c> paths with
/// <c>.</c>, <c>..</c> or empty segments (safe fix: the normalised path); fenced expressions that reduce to a
/// constant string (<c>${{ 'x' }}</c>, <c>format()</c> or <c>join()</c> of literals); <c>fromJSON(toJSON(x))</c>; and, for
/// the pedantic persona, a step's whole <c>with:</c> given as one expression. A lone boolean or number
/// (<c>${{ true }}</c>) is a common way to type an input and is not reported.
/// </summary>
public sealed class ObfuscationAudit : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.Obfuscation;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        foreach (var site in UsesSites.All(target))
        {
            if (site.Uses.Kind == UsesKind.Repository && Normalize(site.Uses) is { } normalized)
            {
                Fix? fix = null;
                if (site.Node.Style == YamlScalarStyle.Plain && target.Source.Text.AsSpan(site.Node.Start.Offset, site.Node.End.Offset - site.Node.Start.Offset).SequenceEqual(site.Node.Value))
                {
                    fix = new Fix("normalise the uses: path", [new TextEdit(new SourceSpan(target.Path, site.Node.Start.Line, site.Node.Start.Column, site.Node.End.Line, site.Node.End.Column), normalized)]);
                }

                sink.Report(Rule, site.Node, $"'{site.Uses.Raw}' has '.', '..' or empty path segments; it means {normalized}", Severity.Low, Confidence.High, context: site.Context, fix: fix);
            }

            if (site.Step?.Node.Get("with") is YamlScalar { IsNull: false } withExpression)
            {
                sink.Report(Rule, withExpression, $"'{site.Step.DisplayName}' takes all its inputs from one expression, which hides what it is given", Severity.Info, Confidence.High, Persona.Pedantic, site.Context);
            }
        }

        foreach (var site in ExpressionSites.All(target))
        {
            if (!site.IsFenced)
            {
                continue;
            }

            if (IsConstantString(site.Syntax))
            {
                var (start, end) = ExpressionSites.Locate(target, site);
                sink.Report(Rule, start, end, $"{site.Scalar.Value[site.Start..site.End]} is a constant; write its value directly", Severity.Low, Confidence.High);
                continue;
            }

            foreach (var node in ExpressionFlow.Descendants(site.Syntax))
            {
                if (node is CallExpression { Arguments: [CallExpression { Arguments: [_] } inner] } outer && outer.Is("fromJSON") && inner.Is("toJSON"))
                {
                    var (start, end) = ExpressionSites.Locate(target, site, node);
                    sink.Report(Rule, start, end, $"{site.Scalar.Value[node.Start..node.End]} is a round trip that returns its argument", Severity.Low, Confidence.High);
                }
            }
        }
    }

    /// <summary>The normalised <c>owner/repo/path@ref</c> when the path has dot or empty segments; null when it is already clean.</summary>
    internal static string? Normalize(UsesReference uses)
    {
        var at = uses.Raw.IndexOf('@');
        var location = at < 0 ? uses.Raw : uses.Raw[..at];
        var segments = location.Split('/');
        if (!segments.Any(s => s is "" or "." or ".."))
        {
            return null;
        }

        var kept = new List<string>();
        foreach (var segment in segments)
        {
            switch (segment)
            {
                case "" or ".":
                    break;
                case "..":
                    if (kept.Count > 0)
                    {
                        kept.RemoveAt(kept.Count - 1);
                    }

                    break;
                default:
                    kept.Add(segment);
                    break;
            }
        }

        return string.Join('/', kept) + (at < 0 ? "" : uses.Raw[at..]);
    }

    /// <summary>True when the expression has no context and no runtime function, and yields a string.</summary>
    private static bool IsConstantString(ExpressionSyntax syntax)
    {
        var hasString = false;
        foreach (var node in ExpressionFlow.Descendants(syntax))
        {
            switch (node)
            {
                case IdentifierExpression:
                    return false;
                case CallExpression call when !(call.Is("format") || call.Is("join") || call.Is("toJSON") || call.Is("fromJSON")):
                    return false;
                case CallExpression:
                    hasString = true;
                    break;
                case LiteralExpression { Kind: LiteralKind.String }:
                    hasString = true;
                    break;
            }
        }

        return hasString && syntax is LiteralExpression or CallExpression;
    }
}
