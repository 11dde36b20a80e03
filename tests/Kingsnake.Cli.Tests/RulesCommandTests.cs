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
}
