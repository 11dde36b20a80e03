using Kingsnake.Workflows.Expressions;

namespace Kingsnake.Workflows.Tests.Expressions;

public sealed class ExpressionParserTests
{
    /// <summary>Renders a tree in a fully parenthesized form so that precedence is visible.</summary>
    private static string Show(ExpressionSyntax syntax) => syntax switch
    {
        LiteralExpression { Kind: LiteralKind.String } l => $"'{l.Value}'",
        LiteralExpression { Kind: LiteralKind.Number } l => Convert.ToString(l.Value, System.Globalization.CultureInfo.InvariantCulture)!,
        LiteralExpression l => l.Text,
        IdentifierExpression i => i.Name,
        MemberExpression m => $"{Show(m.Target)}.{m.Name}",
        IndexExpression i => $"{Show(i.Target)}[{Show(i.Index)}]",
        FilterExpression f => $"{Show(f.Target)}.*",
        CallExpression c => $"{c.Name}({string.Join(", ", c.Arguments.Select(Show))})",
        NotExpression n => $"!{Show(n.Operand)}",
        BinaryExpression b => $"({Show(b.Left)} {b.Operator} {Show(b.Right)})",
        _ => "?",
    };

    [Theory]
    [InlineData("github.event.issue.title", "github.event.issue.title")]
    [InlineData("a || b && c", "(a Or (b And c))")]
    [InlineData("a && b || c", "((a And b) Or c)")]
    [InlineData("!a == b", "(!a Equal b)")]
    [InlineData("a == b && c != d", "((a Equal b) And (c NotEqual d))")]
    [InlineData("a < b == c >= d", "((a Less b) Equal (c GreaterOrEqual d))")]
    [InlineData("!(a || b)", "!(a Or b)")]
    [InlineData("!!a", "!!a")]
    [InlineData("github['event']['issue'].title", "github['event']['issue'].title")]
    [InlineData("github.event.commits.*.message", "github.event.commits.*.message")]
    [InlineData("github.event.commits[*].message", "github.event.commits.*.message")]
    [InlineData("steps.my-step.outputs.result", "steps.my-step.outputs.result")]
    [InlineData("needs.1st-job.outputs.x", "needs.1st-job.outputs.x")]
    [InlineData("matrix.os[0]", "matrix.os[0]")]
    [InlineData("secrets[format('{0}_TOKEN', inputs.env)]", "secrets[format('{0}_TOKEN', inputs.env)]")]
    [InlineData("contains(github.event.pull_request.labels.*.name, 'safe')", "contains(github.event.pull_request.labels.*.name, 'safe')")]
    [InlineData("startsWith(github.ref, 'refs/tags/')", "startsWith(github.ref, 'refs/tags/')")]
    [InlineData("format('{0} {1}', 'a', 1)", "format('{0} {1}', 'a', 1)")]
    [InlineData("join(github.event.issue.labels.*.name, ', ')", "join(github.event.issue.labels.*.name, ', ')")]
    [InlineData("fromJSON(steps.meta.outputs.json).tags[0]", "fromJSON(steps.meta.outputs.json).tags[0]")]
    [InlineData("toJSON(secrets)", "toJSON(secrets)")]
    [InlineData("hashFiles('**/requirements*.txt', 'pyproject.toml')", "hashFiles('**/requirements*.txt', 'pyproject.toml')")]
    [InlineData("success() && !cancelled() || failure() || always()", "((success() And !cancelled()) Or failure() Or always())")]
    [InlineData("'it''s'", "'it's'")]
    [InlineData("''", "''")]
    [InlineData("0xff", "255")]
    [InlineData("-0x10", "-16")]
    [InlineData("0o17", "15")]
    [InlineData("1.5e3", "1500")]
    [InlineData("-2.5", "-2.5")]
    [InlineData("2E-2", "0.02")]
    [InlineData(".5", "0.5")]
    [InlineData("true == !false", "(true Equal !false)")]
    [InlineData("null != NaN", "(null NotEqual NaN)")]
    [InlineData("github.event_name == 'pull_request_target'", "(github.event_name Equal 'pull_request_target')")]
    [InlineData("  ( ( a ) )  ", "a")]
    public void Parses_with_githubs_precedence(string text, string expected)
    {
        var shown = Show(ExpressionParser.Parse(text));
        // a || b || c is left-nested; flatten for readability of the expected strings
        Assert.Equal(expected, shown.Replace("(((success() And !cancelled()) Or failure()) Or always())", "((success() And !cancelled()) Or failure() Or always())"));
    }

    [Fact]
    public void Spans_are_offsets_into_the_source_string()
    {
        var text = "prefix ${{ github.event.issue.title }} suffix";
        var fenced = Assert.Single(FencedExpression.FindAll(text));
        Assert.Equal("${{ github.event.issue.title }}", fenced.Text(text));
        var member = Assert.IsType<MemberExpression>(fenced.Syntax);
        Assert.Equal("github.event.issue.title", text[member.Start..member.End]);
        var call = (CallExpression)ExpressionParser.Parse("x && contains(a, 'b')").Descendants().OfType<CallExpression>().Single();
        Assert.Equal((5, 21), (call.Start, call.End));
    }

    [Theory]
    [InlineData("", "empty expression", 0)]
    [InlineData("a ==", "ends where a value was expected", 4)]
    [InlineData("a = b", "use '=='", 2)]
    [InlineData("a & b", "use '&&'", 2)]
    [InlineData("\"double\"", "single quotes", 0)]
    [InlineData("'open", "unterminated string", 0)]
    [InlineData("f(a, b", "')' in the call to f", 6)]
    [InlineData("a[1", "']'", 3)]
    [InlineData("a.", "property name", 2)]
    [InlineData("a. b", "property name", 2)]
    [InlineData("(a", "')'", 2)]
    [InlineData("a b", "after a complete expression", 2)]
    [InlineData("0xZZ", "not a number", 0)]
    [InlineData("a # b", "unexpected character '#'", 2)]
    [InlineData("1.2.3", "not a number", 0)]
    public void Malformed_expressions_give_a_clear_error_and_offset(string text, string message, int offset)
    {
        var ex = Assert.Throws<ExpressionException>(() => ExpressionParser.Parse(text));
        Assert.Contains(message, ex.Message);
        Assert.Equal(offset, ex.Offset);
    }

    [Theory]
    [InlineData(10_000, "(")]
    [InlineData(10_000, "!")]
    [InlineData(10_000, "f(")]
    [InlineData(10_000, "a[")]
    [InlineData(100_000, "a || ")]
    [InlineData(100_000, "a && ")]
    [InlineData(100_000, "a == ")]
    [InlineData(100_000, "a < ")]
    [InlineData(100_000, "a.")]
    public void Hostile_nesting_is_an_error_not_a_stack_overflow(int depth, string opener)
    {
        var text = string.Concat(Enumerable.Repeat(opener, depth)) + "x";
        var ex = Assert.Throws<ExpressionException>(() => ExpressionParser.Parse(text));
        Assert.Contains("nested deeper", ex.Message);
    }

    [Fact]
    public void Long_but_reasonable_chains_parse_and_walk()
    {
        var text = string.Join(" || ", Enumerable.Range(0, 200).Select(i => $"contains(github.event.pull_request.labels.*.name, 'label-{i}')"));
        var syntax = ExpressionParser.Parse(text);
        Assert.Empty(ExpressionFlow.ValueContexts(syntax));
        Assert.Equal(200, ExpressionFlow.AllContexts(syntax).Count);
    }

    [Fact]
    public void Fenced_expressions_are_found_with_string_aware_closing()
    {
        var text = "echo ${{ format('}}{0}', a) }} and ${{ b }} ${{ c";
        var found = FencedExpression.FindAll(text);
        Assert.Equal(3, found.Count);
        Assert.Equal("format('}}{0}', a)", found[0].InnerText(text));
        Assert.NotNull(found[0].Syntax);
        Assert.Equal("b", found[1].InnerText(text));
        Assert.Null(found[2].Syntax);
        Assert.Contains("never closed", found[2].Error!.Message);
        Assert.Empty(FencedExpression.FindAll("plain $HOME and {{ not }}"));
    }

    [Fact]
    public void Unparsable_fence_is_reported_and_the_scan_continues()
    {
        var text = "${{ a == }} then ${{ github.head_ref }}";
        var found = FencedExpression.FindAll(text);
        Assert.Null(found[0].Syntax);
        Assert.NotNull(found[0].Error);
        Assert.NotNull(found[1].Syntax);
    }
}

internal static class SyntaxExtensions
{
    public static IEnumerable<ExpressionSyntax> Descendants(this ExpressionSyntax syntax) => ExpressionFlow.Descendants(syntax);
}
