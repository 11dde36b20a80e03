using Kingsnake.Core.Findings;
using Kingsnake.Workflows.Audits;
using Kingsnake.Workflows.Knowledge;
using Kingsnake.Workflows.Tests.Support;

namespace Kingsnake.Workflows.Tests.Audits;

public sealed class ArchivedUsesTests
{
    private const string Rule = "archived-uses";

    [Fact]
    public void Archived_actions_are_medium_in_steps_and_composites()
    {
        var yaml = "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: actions/create-release@v1\n      - uses: Actions-RS/toolchain@v1\n      - uses: actions/checkout@v4\n";
        var findings = Run.Workflow(yaml, Rule);
        Assert.Equal([6, 7], findings.Select(f => f.Location.StartLine));
        Assert.All(findings, f => Assert.Equal((Severity.Medium, Confidence.High), (f.Severity, f.Confidence)));
        Assert.Single(Run.Action("name: a\nruns:\n  using: composite\n  steps:\n    - uses: actions/setup-ruby@v1\n", Rule));
    }

    [Fact]
    public void List_is_loaded_with_comments_stripped() =>
        Assert.All(ActionLists.Archived, a => Assert.Matches("^[a-z0-9-]+/[a-z0-9._-]+$", a));
}

public sealed class TyposquatUsesTests
{
    private const string Rule = "typosquat-uses";

    [Theory]
    [InlineData("actoins/checkout@v4")] // swap
    [InlineData("action/checkout@v4")] // deletion
    [InlineData("actions/checkoutt@v4")] // insertion
    [InlineData("pypa/gh-action-pypi-pub1ish@release/v1")] // substitution
    public void One_edit_from_popular_is_high_low_confidence(string uses)
    {
        var yaml = $"on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: {uses}\n";
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal((Severity.High, Confidence.Low), (finding.Severity, finding.Confidence));
    }

    [Theory]
    [InlineData("actions/checkout@v4")]
    [InlineData("Actions/Checkout@v4")]
    [InlineData("actions/setup-node@v4")]
    [InlineData("my-org/checkout@v4")]
    [InlineData("./checkout")]
    public void Popular_and_distant_names_are_clean(string uses)
    {
        var yaml = $"on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: {uses}\n";
        Assert.Empty(Run.Workflow(yaml, Rule));
    }

    [Fact]
    public void Popular_actions_are_not_typosquats_of_each_other()
    {
        var popular = ActionLists.Popular;
        Assert.True(popular.Count >= 50);
        Assert.DoesNotContain(popular, a => popular.Any(b => TyposquatUsesAudit.OneEditApart(a, b)));
    }

    [Theory]
    [InlineData("abc", "acb", true)]
    [InlineData("abc", "abcd", true)]
    [InlineData("abc", "ab", true)]
    [InlineData("abc", "abd", true)]
    [InlineData("abc", "abc", false)]
    [InlineData("abc", "bca", false)]
    [InlineData("abc", "a", false)]
    public void One_edit_distance(string a, string b, bool expected) => Assert.Equal(expected, TyposquatUsesAudit.OneEditApart(a, b));
}
