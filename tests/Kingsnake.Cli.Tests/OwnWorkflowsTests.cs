using System.Text.Json;

namespace Kingsnake.Cli.Tests;

/// <summary>
/// Kingsnake's own GitHub workflows and composite action (action.yml) pass its strictest regular audit: the project
/// asks users to hold their workflows to it, and the release workflow is what a supply-chain attack would aim at.
/// </summary>
public sealed class OwnWorkflowsTests
{
    private static readonly string[] WorkflowFiles = Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, ".github", "workflows"))
        .Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .ToArray();

    private static string ActionFile => Path.Combine(TestPaths.RepoRoot, "action.yml");

    [Fact]
    public void Own_workflows_and_action_have_no_pedantic_finding()
    {
        Assert.Contains(WorkflowFiles, f => Path.GetFileName(f) == "ci.yml");
        Assert.Contains(WorkflowFiles, f => Path.GetFileName(f) == "release.yml");
        Assert.True(File.Exists(ActionFile));

        var result = new CliRunner().Run(["audit", .. WorkflowFiles, ActionFile, "--only", "workflows", "--persona", "pedantic", "--format", "json"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var report = JsonDocument.Parse(result.Output);
        var summary = report.RootElement.GetProperty("summary");
        Assert.Equal(0, summary.GetProperty("findings").GetInt32());
        Assert.Equal(0, summary.GetProperty("errors").GetInt32());
    }

    [Fact]
    public void The_same_run_reports_a_weakened_copy()
    {
        // The clean result above means something only if these files are audited when named this way: a copy of the
        // action with its setup-dotnet pin turned into a tag, and of the release workflow whose checkouts leave the
        // token in .git/config (no persist-credentials: false), are reported.
        var action = File.ReadAllText(ActionFile);
        var release = File.ReadAllText(WorkflowFiles.Single(f => Path.GetFileName(f) == "release.yml"));
        var unpinned = System.Text.RegularExpressions.Regex.Replace(action, "setup-dotnet@[0-9a-f]{40}", "setup-dotnet@v4");
        var persisted = release.Replace("\n        with:\n          persist-credentials: false", "", StringComparison.Ordinal);
        Assert.NotEqual(action, unpinned);
        Assert.NotEqual(release, persisted);
        using var project = new TempProject().With("kingsnake.toml", "").With("action.yml", unpinned).With(".github/workflows/release.yml", persisted);

        var result = new CliRunner().Run("audit", Path.Combine(project.Root, ".github", "workflows", "release.yml"), Path.Combine(project.Root, "action.yml"),
            "--only", "workflows", "--persona", "pedantic", "--format", "json");

        using var report = JsonDocument.Parse(result.Output);
        var findings = report.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (Rule: f.GetProperty("ruleName").GetString(), Path: f.GetProperty("location").GetProperty("path").GetString()))
            .ToList();
        Assert.Contains(("unpinned-uses", "action.yml"), findings);
        Assert.Contains(findings, f => f.Path == ".github/workflows/release.yml" && f.Rule == "artipacked");
    }
}
