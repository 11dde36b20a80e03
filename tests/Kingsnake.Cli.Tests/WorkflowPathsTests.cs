namespace Kingsnake.Cli.Tests;

/// <summary>
/// Workflows named by their directory or file: they are read from the repository that holds their <c>.github</c>, so
/// naming <c>.github</c>, <c>.github/workflows</c> or one file finds what auditing the whole repository finds there.
/// </summary>
public sealed class WorkflowPathsTests
{
    private const string Injectable = """
        name: triage
        on: issues
        permissions: {}
        jobs:
          greet:
            name: greet
            runs-on: ubuntu-latest
            steps:
              - run: echo "${{ github.event.issue.title }}"

        """;

    private static TempProject Repository() => new TempProject().With(".github/workflows/triage.yml", Injectable);

    [Theory]
    [InlineData(".")]
    [InlineData(".github")]
    [InlineData(".github/workflows")]
    [InlineData(".github/workflows/triage.yml")]
    public void The_template_injection_is_found_whichever_path_names_the_workflow(string named)
    {
        // no marker file and no .git: the repository is known by its .github alone
        using var repository = Repository();
        var result = new CliRunner { CurrentDirectory = Path.GetTempPath() }.Run("audit", "--only", "workflows", repository.PathOf(named));
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("GHA001 template-injection", result.Output, StringComparison.Ordinal);
        Assert.Contains(".github/workflows/triage.yml", result.Output, StringComparison.Ordinal);
    }
}
