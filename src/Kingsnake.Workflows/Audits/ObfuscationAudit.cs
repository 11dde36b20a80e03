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
/// (<c>${{ true }}</c>) is a common way to type an input and is not reported. Safe fixes: the normalised path, and a
/// constant string or <c>format()</c> of literals replaced by its value where that cannot change how the YAML reads.
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
                sink.Report(Rule, start, end, $"{site.Scalar.Value[site.Start..site.End]} is a constant; write its value directly", Severity.Low, Confidence.High, fix: ConstantFix(target, site, start, end));
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

    /// <summary>
    /// The safe fix for a constant: the fenced expression replaced by its value, which is what GitHub substitutes before
    /// anything reads the text. Offered only where the value cannot change how the YAML reads: inside a block scalar
    /// (any one-line value), or a plain scalar when the value is a word of letters, digits and <c>_ . / @ + = -</c>; and only
    /// when the source holds the expression exactly as parsed (no escapes or folding in between).
    /// </summary>
    private static Fix? ConstantFix(AuditTarget target, ExpressionSite site, YamlPosition start, YamlPosition end)
    {
        if (Evaluate(site.Syntax) is not { } value || value.Contains('\n', StringComparison.Ordinal))
        {
            return null;
        }

        var fenced = site.Scalar.Value[site.Start..site.End];
        if (end.Offset - start.Offset != fenced.Length || !target.Source.Text.AsSpan(start.Offset, fenced.Length).SequenceEqual(fenced))
        {
            return null;
        }

        var safe = site.Scalar.Style switch
        {
            YamlScalarStyle.Literal or YamlScalarStyle.Folded => true,
            YamlScalarStyle.Plain => value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '/' or '@' or '+' or '=' or '-'),
            _ => false,
        };
        return safe
            ? new Fix($"write the constant's value ({value}) directly", [new TextEdit(new SourceSpan(target.Path, start.Line, start.Column, end.Line, end.Column), value)])
            : null;
    }

    /// <summary>The string a constant expression yields: a string literal, or <c>format()</c> of literals; null for anything else.</summary>
    private static string? Evaluate(ExpressionSyntax syntax)
    {
        switch (syntax)
        {
            case LiteralExpression { Kind: LiteralKind.String, Value: string text }:
                return text;
            case CallExpression call when call.Is("format") && call.Arguments.Count > 0 && Evaluate(call.Arguments[0]) is { } pattern:
                var arguments = call.Arguments.Skip(1).Select(Evaluate).ToList();
                if (arguments.Any(a => a is null))
                {
                    return null;
                }

                // GitHub's format: {N} is argument N, {{ and }} are literal braces
                var result = new System.Text.StringBuilder();
                for (var i = 0; i < pattern.Length; i++)
                {
                    if (pattern[i] == '{' && i + 1 < pattern.Length && pattern[i + 1] == '{')
                    {
                        result.Append('{');
                        i++;
                    }
                    else if (pattern[i] == '}' && i + 1 < pattern.Length && pattern[i + 1] == '}')
                    {
                        result.Append('}');
                        i++;
                    }
                    else if (pattern[i] == '{')
                    {
                        var close = pattern.IndexOf('}', i);
                        if (close < 0 || !int.TryParse(pattern.AsSpan(i + 1, close - i - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) || index >= arguments.Count)
                        {
                            return null;
                        }

                        result.Append(arguments[index]);
                        i = close;
                    }
                    else
                    {
                        result.Append(pattern[i]);
                    }
                }

                return result.ToString();
            default:
                return null;
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
