namespace Kingsnake.Workflows.Expressions;

/// <summary>
/// One <c>${{ … }}</c> found in a string. Offsets are 0-based into that string: <see cref="Start"/>/<see cref="End"/>
/// cover the fences, <see cref="InnerStart"/>/<see cref="InnerEnd"/> the expression between them.
/// </summary>
public sealed record FencedExpression(int Start, int End, int InnerStart, int InnerEnd, ExpressionSyntax? Syntax, ExpressionException? Error)
{
    public string Text(string source) => source[Start..End];

    public string InnerText(string source) => source[InnerStart..InnerEnd].Trim();

    /// <summary>
    /// Finds and parses every fenced expression in <paramref name="text"/>. A <c>}}</c> inside a string literal
    /// does not close the fence. An unclosed fence is returned with an error and ends the scan; a fence whose
    /// content does not parse is returned with its error, and the scan goes on after it.
    /// </summary>
    public static IReadOnlyList<FencedExpression> FindAll(string text)
    {
        List<FencedExpression>? found = null;
        var position = 0;
        while (true)
        {
            var open = text.IndexOf("${{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                break;
            }

            found ??= [];
            var inner = open + 3;
            var close = FindClose(text, inner);
            if (close < 0)
            {
                found.Add(new FencedExpression(open, text.Length, inner, text.Length, null, new ExpressionException("'${{' is never closed with '}}'", open)));
                break;
            }

            ExpressionParser.TryParse(text, inner, close, out var syntax, out var error);
            found.Add(new FencedExpression(open, close + 2, inner, close, syntax, error));
            position = close + 2;
        }

        return found ?? (IReadOnlyList<FencedExpression>)[];
    }

    /// <summary>The offset of the <c>}}</c> that closes a fence whose expression starts at <paramref name="from"/>, or -1.</summary>
    internal static int FindClose(ReadOnlySpan<char> text, int from) => Kingsnake.Core.Yaml.ExpressionFence.FindClose(text, from);
}
