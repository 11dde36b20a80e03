using System.Text;
using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Expressions;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// The values a text takes when its only expressions are <c>${{ matrix.NAME }}</c> over a job matrix written out in
/// literals: each axis's list, plus the values <c>include:</c> entries give it. Null when anything is not literal (a
/// <c>fromJSON</c> matrix, an expression value, a name the matrix does not define) or the combinations exceed a bound.
/// </summary>
internal static class MatrixExpansion
{
    private const int MaxCombinations = 256;

    public static IReadOnlyList<string>? Expand(NormalJob job, string text)
    {
        if (job.Matrix is not YamlMapping matrix)
        {
            return null;
        }

        var fences = FencedExpression.FindAll(text);
        if (fences.Count == 0)
        {
            return null;
        }

        var results = new List<string> { "" };
        var at = 0;
        foreach (var fence in fences)
        {
            if (fence.Syntax is not { } syntax || ContextReference.From(syntax) is not { IsCallLed: false } reference
                || !reference.Pattern.StartsWith("matrix.", StringComparison.Ordinal) || Values(matrix, reference.Pattern["matrix.".Length..]) is not { } values)
            {
                return null;
            }

            var literal = text[at..fence.Start];
            results = [.. results.SelectMany(r => values.Select(v => r + literal + v))];
            if (results.Count > MaxCombinations)
            {
                return null;
            }

            at = fence.End;
        }

        var tail = text[at..];
        return [.. results.Select(r => r + tail)];
    }

    /// <summary>Every literal value of one axis, from its list and from <c>include:</c>; null if any is not a literal scalar.</summary>
    private static List<string>? Values(YamlMapping matrix, string name)
    {
        if (name.Contains('.', StringComparison.Ordinal) || name.Contains('*', StringComparison.Ordinal))
        {
            return null;
        }

        var values = new List<string>();
        foreach (var (key, value) in matrix.Entries)
        {
            if (key.Value.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                if (value is not YamlSequence list || !AddLiterals(list.Items, values))
                {
                    return null;
                }
            }
            else if (key.Value == "include" && value is YamlSequence include)
            {
                foreach (var entry in include.Items)
                {
                    if (entry is not YamlMapping combination)
                    {
                        return null;
                    }

                    if (combination.Entries.FirstOrDefault(e => e.Key.Value.Equals(name, StringComparison.OrdinalIgnoreCase)) is { Key: not null } given
                        && !AddLiterals([given.Value], values))
                    {
                        return null;
                    }
                }
            }
            else if (key.Value == "include")
            {
                return null;
            }
        }

        return values.Count > 0 ? values : null;
    }

    private static bool AddLiterals(IEnumerable<YamlNode> nodes, List<string> values)
    {
        foreach (var node in nodes)
        {
            if (node is not YamlScalar scalar || scalar.Value.Contains("${{", StringComparison.Ordinal))
            {
                return false;
            }

            values.Add(scalar.IsNull ? "" : scalar.Value);
        }

        return true;
    }
}
