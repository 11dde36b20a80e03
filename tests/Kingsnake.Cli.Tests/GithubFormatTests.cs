using System.Text.Json;
using Kingsnake.Cli.Commands;
using Kingsnake.Reporting.Tests;

namespace Kingsnake.Cli.Tests;

/// <summary>
/// <c>--format github</c> on a real package (Jinja2 as installed for Python 3.11, graded as Bandit does): read back as
/// the Actions runner reads workflow commands, the annotations say what the JSON report of the same audit says.
/// </summary>
public sealed class GithubFormatTests
{
    private static readonly CliRunner Runner = new();

    private static readonly string Jinja = Path.Combine(TestPaths.Python311SitePackages, "jinja2");

    [Fact]
    public void Each_finding_of_a_real_audit_is_one_annotation_at_its_place()
    {
        var json = Runner.Run("audit", Jinja, "--compat", "bandit", "--only", "code", "--format", "json", "--quiet");
        using var document = JsonDocument.Parse(json.Output);
        var findings = document.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.True(findings.Count > 20, $"{findings.Count} findings");

        var result = Runner.Run("audit", Jinja, "--compat", "bandit", "--only", "code", "--format", "github", "--quiet");
        Assert.True(result.ExitCode == 1, result.ToString());
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var commands = lines.Select(WorkflowCommands.Parse).OfType<WorkflowCommands.Command>().ToList();
        Assert.Equal(findings.Count + document.RootElement.GetProperty("errors").GetArrayLength() + document.RootElement.GetProperty("notes").GetArrayLength(), commands.Count);
        Assert.StartsWith($"Kingsnake: {findings.Count} findings (", lines[^1], StringComparison.Ordinal);

        var annotated = commands.Take(findings.Count)
            .Select(c => (c.Properties["file"], c.Properties["line"], c.Properties["col"], c.Properties["title"].Split(' ')[0], c.Message.Split('\n')[0]))
            .Order().ToList();
        var reported = findings
            .Select(f => (
                f.GetProperty("location").GetProperty("path").GetString()!,
                f.GetProperty("location").GetProperty("startLine").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
                f.GetProperty("location").GetProperty("startColumn").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
                f.GetProperty("ruleId").GetString()!,
                f.GetProperty("message").GetString()!))
            .Order().ToList();
        Assert.Equal(reported, annotated);

        // most severe first, each at its level
        var levels = commands.Take(findings.Count).Select(c => c.Name).ToList();
        var severities = findings.Select(f => f.GetProperty("severity").GetString()).ToList();
        Assert.Equal(severities.Count(s => s is "high" or "critical"), levels.TakeWhile(l => l == "error").Count());
        Assert.Equal(severities.Count(s => s is "medium" or "low"), levels.Count(l => l == "warning"));
        Assert.All(commands.Take(findings.Count), c => Assert.DoesNotContain("/", c.Properties["file"][..1], StringComparison.Ordinal));
    }

    [Fact]
    public void Files_are_named_from_the_workspace_root_when_a_directory_inside_it_is_audited()
    {
        using var workspace = new TempProject().With("services/api/app.py", "import os\nos.system('ls ' + input())\n");
        var runner = new CliRunner().With("GITHUB_WORKSPACE", workspace.Root);
        var result = runner.Run("audit", Path.Combine(workspace.Root, "services", "api"), "--only", "code", "--format", "github");
        Assert.True(result.ExitCode == 1, result.ToString());
        var command = Assert.Single(result.Output.Split('\n').Select(WorkflowCommands.Parse).OfType<WorkflowCommands.Command>());
        Assert.Equal("services/api/app.py", command.Properties["file"]);

        // the workspace itself, or a project outside it, keeps the project's paths
        Assert.Equal("", ReportOutput.WorkspacePrefix(workspace.Root, workspace.Root));
        Assert.Equal("", ReportOutput.WorkspacePrefix("/elsewhere/project", workspace.Root));
        Assert.Equal("", ReportOutput.WorkspacePrefix(workspace.Root, null));
    }
}
