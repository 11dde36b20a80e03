using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Expressions;

namespace Kingsnake.Workflows.Audits;

/// <summary>One parsed expression of a file: the scalar it sits in, its key, and its range inside the scalar's value.</summary>
internal readonly record struct ExpressionSite(string? Key, YamlScalar Scalar, ExpressionSyntax Syntax, int Start, int End, bool IsFenced);

/// <summary>Every parsed <c>${{ }}</c> of a file, plus bare <c>if:</c> conditions (which GitHub evaluates without fences).</summary>
internal static class ExpressionSites
{
    public static IEnumerable<ExpressionSite> All(AuditTarget target)
    {
        if (!target.Source.Text.Contains("${{", StringComparison.Ordinal) && !target.Source.Text.Contains("if:", StringComparison.Ordinal))
        {
            yield break;
        }

        foreach (var (key, scalar) in DocumentWalker.Values(target.Document.Root))
        {
            var value = scalar.Value;
            var fences = FencedExpression.FindAll(value);
            if (fences.Count == 0)
            {
                if (key == "if" && !scalar.IsNull && ExpressionParser.TryParse(value, 0, value.Length, out var bare, out _))
                {
                    yield return new ExpressionSite(key, scalar, bare!, 0, value.Length, false);
                }

                continue;
            }

            foreach (var fence in fences)
            {
                if (fence.Syntax is { } syntax)
                {
                    yield return new ExpressionSite(key, scalar, syntax, fence.Start, fence.End, true);
                }
            }
        }
    }

    /// <summary>The source span of the site's text (fences included).</summary>
    public static (YamlPosition Start, YamlPosition End) Locate(AuditTarget target, ExpressionSite site) =>
        ScalarLocator.Locate(site.Scalar, target.Source, site.Start, site.End);

    /// <summary>The source span of a sub-expression of the site.</summary>
    public static (YamlPosition Start, YamlPosition End) Locate(AuditTarget target, ExpressionSite site, ExpressionSyntax node) =>
        ScalarLocator.Locate(site.Scalar, target.Source, node.Start, node.End);
}
