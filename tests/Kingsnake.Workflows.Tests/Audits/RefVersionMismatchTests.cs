using System.Text.RegularExpressions;
using Kingsnake.Core.Auditing;
using Kingsnake.Core.Configuration;
using Kingsnake.Core.Findings;
using Kingsnake.Project;
using Kingsnake.Project.Auditing;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Knowledge;
using Kingsnake.Workflows.Tests.Support;

namespace Kingsnake.Workflows.Tests.Audits;

public sealed class RefVersionMismatchTests
{
    private const string Rule = "ref-version-mismatch";

    // Facts of the built-in list, read from the urllib3/idna/certifi/charset_normalizer workflows that Google Cloud
    // SDK vendors: checkout v4.1.7 = 692973e3…, v4.2.0 = d632683d…; setup-python v5.1.1 = 39cd1495….
    private const string CheckoutV417 = "692973e3d937129bcbf40652eb9f2f61becf3332";
    private const string CheckoutV420 = "d632683dd7b4114ad314bca15554477dd762a938";
    private const string SetupPythonV511 = "39cd14951b08e74b54015e9e001cdefcf80e669f";

    private static string Step(string uses) => $"on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: {uses}\n";

    [Fact]
    public void Comment_naming_another_known_release_is_medium_high_with_a_fix()
    {
        var yaml = Step($"actions/checkout@{CheckoutV417} # v4.2.0");
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal((Severity.Medium, Confidence.High), (finding.Severity, finding.Confidence));
        Assert.Contains("d632683dd7b4", finding.Message, StringComparison.Ordinal); // what v4.2.0 really is
        var edit = Assert.Single(finding.Fix!.Edits);
        Assert.Equal("v4.1.7", edit.NewText);
        Assert.Equal("v4.2.0", yaml.Split('\n')[5][(edit.Span.StartColumn - 1)..(edit.Span.EndColumn - 1)]);
    }

    [Fact]
    public void Floating_comment_of_the_wrong_major_line_is_reported()
    {
        var finding = Assert.Single(Run.Workflow(Step($"actions/setup-python@{SetupPythonV511}  # v4"), Rule));
        Assert.Contains("v5.1.1", finding.Message, StringComparison.Ordinal);
        Assert.Equal("v5", Assert.Single(finding.Fix!.Edits).NewText);
    }

    [Theory]
    [InlineData($"actions/checkout@{CheckoutV420}", "there is no version comment")]
    [InlineData($"actions/checkout@{CheckoutV420} # pinned for reproducibility", "'pinned' is not a version")]
    [InlineData("pypa/gh-action-pypi-publish@ec4db0b4ddc65acdf4bff5fa45ac92d78b56bdf0 # release/v1", "'release/v1' is not a version")]
    public void Missing_or_non_version_comment_is_pedantic_low(string uses, string said)
    {
        Assert.Empty(Run.Workflow(Step(uses), Rule));
        var finding = Assert.Single(Run.Workflow(Step(uses), Rule, Kingsnake.Workflows.Audits.Persona.Pedantic));
        Assert.Equal((Severity.Low, Confidence.High), (finding.Severity, finding.Confidence));
        Assert.Contains(said, finding.Message, StringComparison.Ordinal);
        Assert.Null(finding.Fix);
        Assert.Empty(Run.Workflow(Step($"actions/checkout@{CheckoutV420} # v4.2.0"), Rule, Kingsnake.Workflows.Audits.Persona.Pedantic));
    }

    [Fact]
    public void Unknown_commit_under_a_known_exact_tag_is_reported()
    {
        // v4.2.0 is known to be d632683d…: any other commit commented v4.2.0 is not v4.2.0
        Assert.Single(Run.Workflow(Step("actions/checkout@0123456789abcdef0123456789abcdef01234567 # v4.2.0"), Rule));
    }

    [Theory]
    [InlineData($"actions/checkout@{CheckoutV417} # v4.1.7")]
    [InlineData($"actions/checkout@{CheckoutV417} # 4.1.7")] // the v is optional
    [InlineData($"actions/checkout@{CheckoutV417} # v4")] // floating comment on a v4 commit
    [InlineData($"actions/checkout@{CheckoutV420} # tag=v4.2.0")]
    [InlineData($"actions/checkout@{CheckoutV420}")] // no comment: zizmor's pedantic case, not ours
    [InlineData($"actions/checkout@{CheckoutV420} # pinned for reproducibility")] // not a version
    [InlineData("pypa/gh-action-pypi-publish@ec4db0b4ddc65acdf4bff5fa45ac92d78b56bdf0 # release/v1")] // a branch name
    [InlineData("actions/checkout@v4 # v4.2.0")] // not a SHA pin
    [InlineData("actions/checkout@0123456789abcdef0123456789abcdef01234567 # v4.2.2")] // neither commit nor tag known
    [InlineData("example/unknown@0123456789abcdef0123456789abcdef01234567 # v1.0.0")]
    [InlineData($"actions/checkout@{CheckoutV417}#v4.2.0")] // no space: part of the scalar, not a comment
    public void Matching_unknown_or_uncommented_pins_are_clean(string uses) => Assert.Empty(Run.Workflow(Step(uses), Rule));

    [Fact]
    public void Composite_steps_are_checked_and_ignore_comments_work()
    {
        var action = $"name: a\nruns:\n  using: composite\n  steps:\n    - uses: actions/checkout@{CheckoutV417} # v4.2.0\n";
        Assert.Single(Run.Action(action, Rule));
        var suppressed = $"on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - name: co # zizmor: ignore[ref-version-mismatch]\n        uses: actions/checkout@{CheckoutV417} # v4.2.0\n";
        Assert.Empty(Run.Workflow(suppressed, Rule));
    }

    [Fact]
    public void Built_in_list_is_consistent()
    {
        var rows = ActionPins.BuiltIn.All.ToList();
        Assert.True(rows.Count >= 30);
        Assert.Equal(ActionPins.BuiltIn.Count, rows.Count); // no row hidden by another of the same tag
        Assert.All(rows, r => Assert.Matches(@"^v?\d+\.\d+\.\d+$", r.Tag));
        Assert.All(rows, r => Assert.Matches("^[0-9a-f]{40}$", r.Sha));
        Assert.Equal(rows.Count, rows.Select(r => (r.Repository, r.Tag)).Distinct().Count());
        Assert.Equal(rows.Count, rows.Select(r => (r.Repository, r.Sha)).Distinct().Count());
    }

    [Fact]
    public void Built_in_list_agrees_with_the_vendored_workflows_it_came_from()
    {
        const string corpus = "/usr/lib/google-cloud-sdk/platform/gsutil/third_party";
        Assert.SkipUnless(Directory.Exists(corpus), "Google Cloud SDK's vendored workflows are not on this machine");
        var pin = new Regex(@"uses:\s*([\w.-]+/[\w.-]+)\S*@([0-9a-f]{40})\s+#\s*(v?\d+\.\d+\.\d+)\s*$", RegexOptions.None, TimeSpan.FromSeconds(1));
        var seen = new HashSet<(string, string, string)>();
        foreach (var file in Directory.EnumerateFiles(corpus, "*.yml", SearchOption.AllDirectories).Where(f => f.Contains("/.github/workflows/", StringComparison.Ordinal)))
        {
            foreach (var line in File.ReadLines(file))
            {
                if (pin.Match(line) is { Success: true } m && !line.TrimStart().StartsWith('#'))
                {
                    seen.Add((m.Groups[1].Value.ToLowerInvariant(), m.Groups[3].Value, m.Groups[2].Value));
                }
            }
        }

        Assert.All(ActionPins.BuiltIn.All, r => Assert.Contains((r.Repository, r.Tag, r.Sha), seen));
    }

    [Fact]
    public void Project_pins_file_is_read_and_a_broken_one_is_an_error_naming_its_line()
    {
        using var project = new TempProject();
        project.Write(".github/workflows/ci.yml", Step("example/tool@2222222222222222222222222222222222222222 # v1.2.3") + "      - uses: example/other@main\n");
        project.Write(ActionPins.LockFileName, "[pins]\n\"example/tool@v1.2.3\" = \"1111111111111111111111111111111111111111\"\n");
        var finding = Assert.Single(project.Audit().Findings, f => f.Rule.Name == Rule);
        Assert.Contains("kingsnake-pins.toml line 2", finding.Message, StringComparison.Ordinal);

        project.Write(ActionPins.LockFileName, "[pins]\n\"example/tool@v1.2.3\" = \"1111\"\n");
        var result = project.Audit();
        var error = Assert.Single(result.Errors);
        Assert.Equal((ActionPins.LockFileName, 2), (error.Location.Path, error.Location.StartLine));
        Assert.Contains(result.Findings, f => f.Rule.Name == "unpinned-uses"); // the rest of the run goes on
    }

    [Fact]
    public void Pins_file_overrides_the_built_in_list_and_names_an_action_path_by_its_repository()
    {
        // the lock file says v4.1.0 and v3.26.12 are other commits than the built-in list knows: the lock file wins
        var pins = Pins("""
            [pins]
            "actions/checkout@v4.1.0" = "1111111111111111111111111111111111111111"
            "github/codeql-action/init@v3.26.12" = "ABCDEF0123456789ABCDEF0123456789ABCDEF01"
            """);
        var yaml = Step("actions/checkout@8ade135a41bc03ea155e62e844d188df1ea18608 # v4.1.0")
            + "      - uses: github/codeql-action/analyze@c36620d31ac7c881962c3d9dd939c40ec9434f2b # v3.26.12\n";
        var result = new WorkflowAuditor(new WorkflowAuditOptions { ActionPins = pins }).AuditText(".github/workflows/ci.yml", yaml, WorkflowFileKind.Workflow);
        var findings = result.Findings.Where(f => f.Rule.Name == Rule).ToList();
        Assert.Equal(2, findings.Count);
        Assert.Contains("v4.1.0 is commit 111111111111 (lock line 2)", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("v3.26.12 is commit abcdef012345 (lock line 3)", findings[1].Message, StringComparison.Ordinal);

        // without the lock file the same pins match the built-in list
        Assert.Empty(Run.Workflow(yaml, Rule));
    }

    [Fact]
    public void Pins_file_rejects_keys_that_are_not_pins_with_their_line()
    {
        var errors = new List<InputError>();
        Pins("[pins]\nnote = \"hello\"\n", errors);
        Assert.Equal(("lock", 2), (Assert.Single(errors).Location.Path, errors[0].Location.StartLine));
        errors.Clear();
        Pins("\"actions/checkout@v4.1.0\" = \"8ade135a41bc03ea155e62e844d188df1ea18608\"\n", errors); // outside [pins]
        Assert.Contains("unknown key", Assert.Single(errors).Message, StringComparison.Ordinal);
        errors.Clear();
        Pins("[pins]\n\"a/b@v1\" = [\n", errors);
        Assert.Single(errors);
    }

    private static ActionPins Pins(string lockText, List<InputError>? errors = null)
    {
        using var project = new TempProject();
        project.Write("lock", lockText);
        var found = errors ?? [];
        var pins = ActionPins.Load(ProjectTree.Open(project.Root), "lock", found);
        Assert.True(errors is not null || found.Count == 0, string.Join("; ", found));
        return pins;
    }
}

/// <summary>A throw-away project directory audited through <see cref="WorkflowAuditor.Audit"/>.</summary>
internal sealed class TempProject : IDisposable
{
    public TempProject() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "ks-wf-" + Guid.NewGuid().ToString("N"));

    public string Write(string relativePath, string text)
    {
        var full = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public AuditResult Audit(WorkflowAuditOptions? options = null) =>
        new WorkflowAuditor(options ?? WorkflowAuditOptions.Default).Audit(new AuditContext { RootPath = Root, Config = KingsnakeConfig.Default }, TestContext.Current.CancellationToken);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
