using System.Text;

namespace Kingsnake.Workflows.Expressions;

/// <summary>
/// A context access such as <c>github.event.issue.title</c>, flattened to a lower-case dotted pattern: <c>['x']</c>
/// becomes <c>.x</c>, any other index and the <c>.*</c> filter become <c>.*</c>. A chain that starts with a call
/// (<c>fromJSON(x).y</c>) is "call-led" and its pattern starts with the function name and "()".
/// </summary>
public sealed record ContextReference(string Pattern, ExpressionSyntax Syntax, bool IsCallLed)
{
    /// <summary>The root context (<c>github</c>, <c>secrets</c>, <c>inputs</c>…).</summary>
    public string Root => Pattern.IndexOf('.') is var dot and >= 0 ? Pattern[..dot] : Pattern;

    public bool StartsWith(string prefix) =>
        Pattern.Equals(prefix, StringComparison.Ordinal) || (Pattern.StartsWith(prefix, StringComparison.Ordinal) && Pattern.Length > prefix.Length && Pattern[prefix.Length] == '.');

    /// <summary>The context chain <paramref name="syntax"/> denotes, or null if it is not one.</summary>
    public static ContextReference? From(ExpressionSyntax syntax)
    {
        var builder = new StringBuilder();
        var callLed = false;
        return Append(syntax, builder, ref callLed) ? new ContextReference(builder.ToString(), syntax, callLed) : null;
    }

    private static bool Append(ExpressionSyntax syntax, StringBuilder builder, ref bool callLed)
    {
        switch (syntax)
        {
            case IdentifierExpression identifier:
                builder.Append(identifier.Name.ToLowerInvariant());
                return true;
            case CallExpression call:
                callLed = true;
                builder.Append(call.Name.ToLowerInvariant()).Append("()");
                return true;
            case MemberExpression member:
                if (!Append(member.Target, builder, ref callLed))
                {
                    return false;
                }

                builder.Append('.').Append(member.Name.ToLowerInvariant());
                return true;
            case IndexExpression index:
                if (!Append(index.Target, builder, ref callLed))
                {
                    return false;
                }

                builder.Append('.');
                if (index.Index is LiteralExpression { Kind: LiteralKind.String, Value: string key })
                {
                    builder.Append(key.ToLowerInvariant());
                }
                else
                {
                    builder.Append('*');
                }

                return true;
            case FilterExpression filter:
                if (!Append(filter.Target, builder, ref callLed))
                {
                    return false;
                }

                builder.Append(".*");
                return true;
            default:
                return false;
        }
    }
}
