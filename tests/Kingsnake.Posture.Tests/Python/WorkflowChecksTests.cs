using Kingsnake.Posture.Checks.Python;
using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Tests.Python;

public sealed class WorkflowChecksTests
{
    private const string Injection = """
        on:
          pull_request_target:
        jobs:
          greet:
            runs-on: ubuntu-latest
            steps:
              - run: echo "Thanks for ${{ github.event.pull_request.title }}"
        """;

    private const string Quiet = """
        on: push
        permissions: {}
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - run: echo ok
        """;

    [Fact]
    public void High_workflow_findings_cost_the_share_of_files_they_are_in()
    {
        using var project = new PythonProject().With(".github/workflows/greet.yml", Injection).With(".github/workflows/ci.yml", Quiet);
        var result = project.Run(new CleanWorkflowsCheck());
        Assert.Equal(5, result.Score);
        Assert.All(result.Evidence, e => Assert.Equal(".github/workflows/greet.yml", e.Path));
        Assert.Contains(result.Evidence, e => e.Line == 7 && e.Description.Contains("template-injection", StringComparison.Ordinal));
        Assert.NotNull(result.NextStep);
    }

    [Fact]
    public void The_projects_own_ignore_configuration_is_respected()
    {
        using var project = new PythonProject().With(".github/workflows/ci.yml", Quiet);
        Assert.Equal(10, project.Run(new CleanWorkflowsCheck()).Score);
        using var none = new PythonProject().With("app.py", "");
        Assert.Equal(CheckStatus.NotApplicable, none.Run(new CleanWorkflowsCheck()).Status);
    }

    [Fact]
    public void Cooldowns_are_counted_per_update_setting()
    {
        const string Dependabot = """
            version: 2
            updates:
              - package-ecosystem: pip
                directory: /
                schedule:
                  interval: weekly
                cooldown:
                  default-days: 7
              - package-ecosystem: github-actions
                directory: /
                schedule:
                  interval: weekly
            """;
        using var project = new PythonProject().With(".github/dependabot.yml", Dependabot);
        var result = project.Run(new DependencyCooldownCheck());
        Assert.Equal(5, result.Score);
        Assert.Equal([false, true], result.Evidence.Select(e => e.Negative));
        Assert.Equal([3, 9], result.Evidence.Select(e => e.Line));
        Assert.Contains("github-actions", result.NextStep, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[tool.uv]\nexclude-newer = \"7 days\"\n", 10)]
    [InlineData("[tool.uv]\nexclude-newer = \"P1W\"\n", 10)]
    [InlineData("[tool.uv]\nexclude-newer = \"2024-03-25T00:00:00Z\"\n", 0)]
    public void Uv_exclude_newer_counts_as_a_span_not_a_date(string pyproject, int expected)
    {
        using var project = new PythonProject().With("pyproject.toml", pyproject);
        Assert.Equal(expected, project.Run(new DependencyCooldownCheck()).Score);
    }

    [Fact]
    public void Renovate_minimum_release_age_is_a_cooldown()
    {
        using var project = new PythonProject().With("renovate.json", "{\n  \"extends\": [\"config:recommended\"],\n  \"minimumReleaseAge\": \"3 days\"\n}\n");
        var result = project.Run(new DependencyCooldownCheck());
        Assert.Equal(10, result.Score);
        Assert.Equal(3, result.Evidence[0].Line);
        using var none = new PythonProject().With("app.py", "");
        Assert.Equal(CheckStatus.NotApplicable, none.Run(new DependencyCooldownCheck()).Status);
    }
}
