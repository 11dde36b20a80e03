namespace Kingsnake.Cli.Tests;

public sealed class RulesCommandTests
{
    [Fact]
    public void Docs_rules_md_is_in_sync_with_the_descriptors()
    {
        var result = new CliRunner().Run("rules", "--format", "markdown");
        Assert.Equal(0, result.ExitCode);
        var committed = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "rules.md"));
        Assert.True(committed == result.Output,
            "docs/rules.md is out of date: regenerate it with `dotnet run --project src/Kingsnake.Cli -- rules --format markdown > docs/rules.md`");
    }

    [Fact]
    public void Rules_lists_every_rule_with_its_grades()
    {
        var result = new CliRunner().Run("rules");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("DEP001", result.Output, StringComparison.Ordinal);
        Assert.Contains("vulnerable-dependency", result.Output, StringComparison.Ordinal);
        Assert.Contains("DEP002", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PY602")]
    [InlineData("B602")]
    [InlineData("S602")]
    [InlineData("subprocess-shell-true")]
    [InlineData("py602")]
    public void Rule_explains_a_rule_named_by_any_id_or_alias(string name)
    {
        var result = new CliRunner().Run("rule", name);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("PY602 subprocess-shell-true: ", result.Output, StringComparison.Ordinal);
        Assert.Contains("also named: B602, S602", result.Output, StringComparison.Ordinal);
        Assert.Contains("CWE-78", result.Output, StringComparison.Ordinal);
        Assert.Contains("**Fix:**", result.Output, StringComparison.Ordinal);
        Assert.EndsWith("more: https://github.com/kingsnake-security/kingsnake/blob/main/docs/rules.md#py602\n", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Rule_finds_workflow_and_dependency_rules_by_their_peer_names()
    {
        var workflow = new CliRunner().Run("rule", "template-injection");
        Assert.True(workflow.ExitCode == 0, workflow.ToString());
        Assert.Contains("area: workflows", workflow.Output, StringComparison.Ordinal);
        var dependency = new CliRunner().Run("rule", "DEP001");
        Assert.True(dependency.ExitCode == 0, dependency.ToString());
        Assert.StartsWith("DEP001 vulnerable-dependency: ", dependency.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Rule_with_an_unknown_name_is_a_usage_error_that_points_to_the_list()
    {
        var result = new CliRunner().Run("rule", "B999");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no rule is named 'B999'", result.Error, StringComparison.Ordinal);
        Assert.Contains("kingsnake rules", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }
}
