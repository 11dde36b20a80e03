using Kingsnake.Core.Auditing;
using Kingsnake.Core.Configuration;
using Kingsnake.Core.Findings;
using Kingsnake.Project;
using Kingsnake.Project.Auditing;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.RepositoryData;

namespace Kingsnake.Workflows.Tests.Auditing;

public sealed class WorkflowAuditorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("kingsnake-workflows-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string relative, string text) => WriteBytes(relative, System.Text.Encoding.UTF8.GetBytes(text));

    private void WriteBytes(string relative, byte[] bytes)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    private AuditResult Audit(KingsnakeConfig? config = null) =>
        new WorkflowAuditor().Audit(new AuditContext { RootPath = _root, Config = config ?? KingsnakeConfig.Default }, CancellationToken.None);

    private const string Injectable = """
        on: issues
        permissions: {}
        jobs:
          j:
            runs-on: ubuntu-latest
            steps:
              - run: echo "${{ github.event.issue.title }}"
        """;

    [Fact]
    public void Discovers_workflows_and_actions_and_skips_vendored_folders()
    {
        Write(".github/workflows/a.yml", Injectable);
        Write(".github/workflows/b.yaml", Injectable);
        Write(".github/workflows/notes.txt", Injectable);
        Write(".github/dependabot.yml", "version: 2\n");
        Write("actions/setup/action.yml", "runs:\n  using: composite\n  steps:\n    - run: echo ${{ inputs.x }}\n      shell: bash\n");
        Write("node_modules/pkg/action.yml", "runs:\n  using: node20\n  main: index.js\n");
        Write(".git/hooks/action.yml", "x: 1\n");
        Write(".venv/lib/action.yaml", "x: 1\n");
        Write("sub/project/.github/workflows/c.yml", Injectable);

        var inputs = WorkflowDiscovery.Select(ProjectTree.Open(_root));
        Assert.Equal(
            [".github/dependabot.yml", ".github/workflows/a.yml", ".github/workflows/b.yaml", "actions/setup/action.yml", "sub/project/.github/workflows/c.yml"],
            inputs.Select(i => i.RelativePath));
        Assert.Equal(WorkflowFileKind.Dependabot, inputs[0].Kind);
        Assert.Equal(WorkflowFileKind.Action, inputs[3].Kind);

        var result = Audit();
        Assert.Empty(result.Errors);
        var injections = result.Findings.Where(f => f.Rule.Id == "GHA001").Select(f => f.Location.Path).ToList();
        Assert.Equal([".github/workflows/a.yml", ".github/workflows/b.yaml", "actions/setup/action.yml", "sub/project/.github/workflows/c.yml"], injections);
    }

    [Fact]
    public void Excludes_from_the_configuration_apply()
    {
        Write(".github/workflows/a.yml", Injectable);
        Write("vendor/x/action.yml", "runs:\n  using: composite\n  steps: []\n");
        Assert.Equal([".github/workflows/a.yml"], WorkflowDiscovery.Select(ProjectTree.Open(_root, new ProjectOptions { Exclude = ["vendor/"] })).Select(i => i.RelativePath));
    }

    [Fact]
    public void A_broken_file_is_an_error_and_the_others_are_still_audited()
    {
        Write(".github/workflows/good.yml", Injectable);
        Write(".github/workflows/broken.yml", "on: push\njobs:\n  a: [1, 2\n");
        Write(".github/workflows/shape.yml", "on: push\njobs:\n  a:\n    steps: 3\n");
        WriteBytes(".github/workflows/latin1.yml", [(byte)'o', (byte)'n', (byte)':', (byte)' ', 0xE9, 0xFF, (byte)'\n']);
        Write(".github/workflows/empty.yml", "");

        var result = Audit();
        Assert.Contains(result.Findings, f => f.Location.Path == ".github/workflows/good.yml" && f.Rule.Id == "GHA001");
        var errors = result.Errors.OrderBy(e => e.Location.Path, StringComparer.Ordinal).ToList();
        Assert.Equal(
            [".github/workflows/broken.yml", ".github/workflows/empty.yml", ".github/workflows/latin1.yml", ".github/workflows/shape.yml"],
            errors.Select(e => e.Location.Path));
        Assert.True(errors[0].Location.StartLine > 0);
        Assert.Contains("UTF-8", errors[2].Message);
        Assert.Equal(4, errors[3].Location.StartLine);
    }

    [Fact]
    public void Billion_laughs_file_is_an_error_not_a_hang()
    {
        var text = "on: push\na: &a [x, x, x, x, x, x, x, x, x, x]\n";
        for (var i = 1; i < 9; i++)
        {
            text += $"{(char)('a' + i)}: &{(char)('a' + i)} [{string.Join(", ", Enumerable.Repeat($"*{(char)('a' + i - 1)}", 10))}]\n";
        }

        Write(".github/workflows/laughs.yml", text + "jobs: {}\n");
        var error = Assert.Single(Audit().Errors);
        Assert.Contains("expands to more than", error.Message);
    }

    [Fact]
    public void Explicit_files_are_audited_without_discovery()
    {
        Write("somewhere/wf.yml", Injectable);
        var auditor = new WorkflowAuditor(new WorkflowAuditOptions { Files = ["somewhere/wf.yml"] });
        var result = auditor.Audit(new AuditContext { RootPath = _root, Config = KingsnakeConfig.Default }, CancellationToken.None);
        Assert.Contains(result.Findings, f => f.Rule.Id == "GHA001" && f.Location.Path == "somewhere/wf.yml");
    }

    [Fact]
    public void Rules_have_unique_ids_names_and_zizmor_aliases()
    {
        var rules = WorkflowRules.All;
        Assert.Equal(rules.Count, rules.Select(r => r.Id).Distinct().Count());
        Assert.Equal(rules.Count, rules.Select(r => r.Name).Distinct().Count());
        Assert.All(rules, r =>
        {
            Assert.StartsWith("GHA", r.Id, StringComparison.Ordinal);
            Assert.Equal("workflows", r.Area);
            Assert.Contains(r.Name, r.Aliases);
            Assert.Contains("**Fix:**", r.Help, StringComparison.Ordinal);
        });
        var auditor = new WorkflowAuditor();
        Assert.Equal("workflows", auditor.Area);

        // the repository-data audits exist only when a data source is configured
        string[] needData = ["GHA038", "GHA039", "GHA040", "GHA041"];
        Assert.Equal(rules.Select(r => r.Id).Except(needData).Order(), auditor.Audits.Select(a => a.Rule.Id).Order());
        var withData = new WorkflowAuditor(new WorkflowAuditOptions { ActionData = ActionDataSnapshot.Parse("{}"u8.ToArray(), "empty") });
        Assert.Equal(rules.Select(r => r.Id).Order(), withData.Audits.Select(a => a.Rule.Id).Order());
    }

    [Fact]
    public void Fingerprints_survive_moving_lines()
    {
        var auditor = new WorkflowAuditor();
        var first = auditor.AuditText(".github/workflows/ci.yml", Injectable, WorkflowFileKind.Workflow).Findings.Single(f => f.Rule.Id == "GHA001");
        var moved = auditor.AuditText(".github/workflows/ci.yml", "# a comment\n\n" + Injectable, WorkflowFileKind.Workflow).Findings.Single(f => f.Rule.Id == "GHA001");
        Assert.NotEqual(first.Location.StartLine, moved.Location.StartLine);
        Assert.Equal(first.Fingerprint, moved.Fingerprint);
    }
}
