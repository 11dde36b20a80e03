using Kingsnake.Workflows.Expressions;

namespace Kingsnake.Workflows.Tests.Expressions;

public sealed class ExpressionFlowTests
{
    private static string[] Values(string text) => [.. ExpressionFlow.ValueContexts(ExpressionParser.Parse(text)).Select(c => c.Pattern)];

    [Theory]
    [InlineData("github.event.issue.title", new[] { "github.event.issue.title" })]
    [InlineData("github['event']['issue']['TITLE']", new[] { "github.event.issue.title" })]
    [InlineData("github.event.commits[0].message", new[] { "github.event.commits.*.message" })]
    [InlineData("github.event.pull_request.labels.*.name", new[] { "github.event.pull_request.labels.*.name" })]
    [InlineData("inputs.flag && '--flag' || ''", new string[0])]
    [InlineData("github.event.issue.title || 'untitled'", new[] { "github.event.issue.title" })]
    [InlineData("x == 'y' && github.head_ref", new[] { "github.head_ref" })]
    [InlineData("github.event.issue.title == 'x'", new string[0])]
    [InlineData("contains(github.event.issue.body, 'lgtm')", new string[0])]
    [InlineData("!github.event.issue.title", new string[0])]
    [InlineData("startsWith(github.head_ref, 'dependabot/')", new string[0])]
    [InlineData("format('{0}-{1}', github.head_ref, github.sha)", new[] { "github.head_ref", "github.sha" })]
    [InlineData("toJSON(github.event)", new[] { "github.event" })]
    [InlineData("join(github.event.commits.*.message, ' ')", new[] { "github.event.commits.*.message" })]
    [InlineData("fromJSON(steps.meta.outputs.json).tags", new[] { "fromjson().tags" })]
    [InlineData("hashFiles(github.event.issue.title)", new string[0])]
    [InlineData("'literal'", new string[0])]
    public void Only_contexts_whose_value_reaches_the_result_are_kept(string text, string[] expected)
    {
        Assert.Equal(expected, Values(text));
    }

    [Fact]
    public void All_contexts_include_conditions_and_indexes()
    {
        var all = ExpressionFlow.AllContexts(ExpressionParser.Parse("secrets[inputs.name] && contains(github.event.issue.body, env.WORD)"));
        Assert.Equal(["secrets.*", "inputs.name", "github.event.issue.body", "env.word"], all.Select(c => c.Pattern));
        Assert.Equal(["secrets"], ExpressionFlow.AllContexts(ExpressionParser.Parse("toJSON(secrets)")).Select(c => c.Pattern));
    }

    [Fact]
    public void Context_reference_knows_its_root_and_prefixes()
    {
        var reference = ContextReference.From(ExpressionParser.Parse("github.event.pull_request.head.ref"))!;
        Assert.Equal("github", reference.Root);
        Assert.True(reference.StartsWith("github.event.pull_request"));
        Assert.False(reference.StartsWith("github.event.pull"));
        Assert.Null(ContextReference.From(ExpressionParser.Parse("a == b")));
    }
}
