using System.Text;
using System.Text.Json;

namespace Kingsnake.Cli.Tests;

/// <summary><c>kingsnake fix</c> end to end on temporary copies of small, real-looking workflows.</summary>
public sealed class FixCommandTests
{
    private const string WorkflowPath = ".github/workflows/release.yml";

    /// <summary>A checkout that keeps its token, an issue title in a script, a publish with an API token.</summary>
    private const string Release = """
        name: release

        on:
          push:
            tags: ["v*"]
          issues:
            types: [opened]

        jobs:
          # build the distributions
          build:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4.1.7

              - name: Greet
                run: echo "New issue ${{ github.event.issue.title }}"
              - run: python -m build
          publish:
            runs-on: ubuntu-latest
            needs: build
            steps:
              - uses: pypa/gh-action-pypi-publish@release/v1
                with:
                  user: __token__
                  password: ${{ secrets.PYPI_API_TOKEN }}  # the upload token

        """;

    /// <summary>
    /// What each fix must produce: a workflow permissions block before <c>jobs:</c> (above its comment, blank line kept);
    /// the checkout pinned to v4.1.7's commit from the built-in list (as urllib3's and idna's workflows pin it) with
    /// <c>persist-credentials: false</c>; the title passed through <c>env:</c>. The publish job keeps its token: dropping it
    /// would break the upload until PyPI lists the workflow as a trusted publisher, so that finding has no edit. The
    /// branch ref <c>release/v1</c> cannot be pinned offline.
    /// </summary>
    private const string ReleaseFixed = """
        name: release

        on:
          push:
            tags: ["v*"]
          issues:
            types: [opened]

        permissions:
          contents: read

        jobs:
          # build the distributions
          build:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@692973e3d937129bcbf40652eb9f2f61becf3332 # v4.1.7
                with:
                  persist-credentials: false

              - name: Greet
                run: echo "New issue ${ISSUE_TITLE}"
                env:
                  ISSUE_TITLE: ${{ github.event.issue.title }}
              - run: python -m build
          publish:
            runs-on: ubuntu-latest
            needs: build
            steps:
              - uses: pypa/gh-action-pypi-publish@release/v1
                with:
                  user: __token__
                  password: ${{ secrets.PYPI_API_TOKEN }}  # the upload token

        """;

    [Fact]
    public void Fix_writes_the_fixed_workflow_keeping_comments_and_blank_lines_and_the_re_audit_is_clean()
    {
        using var project = new TempProject().With(WorkflowPath, Release);
        var result = new CliRunner().Run("fix", project.Root, "--only", "workflows");

        Assert.Equal(ReleaseFixed, File.ReadAllText(project.PathOf(WorkflowPath)));
        Assert.Contains("Applied 4 fixes in 1 file.", result.Output, StringComparison.Ordinal);
        Assert.Contains("2 findings left", result.Output, StringComparison.Ordinal);
        Assert.Contains("No automatic fix for: GHA005 unpinned-uses (1), GHA006 use-trusted-publishing (1).", result.Output, StringComparison.Ordinal);
        Assert.Equal(1, result.ExitCode); // the unpinned branch ref is still there

        var audit = new CliRunner().Run("audit", project.Root, "--only", "workflows", "--format", "json");
        using var document = JsonDocument.Parse(audit.Output);
        var left = document.RootElement.GetProperty("findings").EnumerateArray().Select(f => (f.GetProperty("ruleName").GetString(), f.GetProperty("location").GetProperty("startLine").GetInt32())).ToList();
        Assert.Equal([("unpinned-uses", 30), ("use-trusted-publishing", 33)], left.Order());
        Assert.DoesNotContain(Directory.EnumerateFiles(project.PathOf(".github/workflows")), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void Diff_prints_a_unified_diff_writes_nothing_and_exits_1()
    {
        using var project = new TempProject().With(WorkflowPath, Release);
        var result = new CliRunner().Run("fix", project.Root, "--only", "workflows", "--diff");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(Release, File.ReadAllText(project.PathOf(WorkflowPath)));
        string[] expectedLines =
        [
            "--- a/.github/workflows/release.yml",
            "+++ b/.github/workflows/release.yml",
            "@@ -6,15 +6,22 @@",
            "   issues:",
            "     types: [opened]",
            " ",
            "+permissions:",
            "+  contents: read",
            "+",
            " jobs:",
            "   # build the distributions",
            "   build:",
            "     runs-on: ubuntu-latest",
            "     steps:",
            "-      - uses: actions/checkout@v4.1.7",
            "+      - uses: actions/checkout@692973e3d937129bcbf40652eb9f2f61becf3332 # v4.1.7",
            "+        with:",
            "+          persist-credentials: false",
            " ",
            "       - name: Greet",
            "-        run: echo \"New issue ${{ github.event.issue.title }}\"",
            "+        run: echo \"New issue ${ISSUE_TITLE}\"",
            "+        env:",
            "+          ISSUE_TITLE: ${{ github.event.issue.title }}",
            "       - run: python -m build",
            "   publish:",
            "     runs-on: ubuntu-latest",
        ];
        var expected = string.Join("\n", expectedLines) + "\n";
        Assert.Equal(expected, result.Output);
        Assert.Contains("Would apply 4 fixes in 1 file.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_with_nothing_to_fix_prints_nothing_and_exits_0()
    {
        using var project = new TempProject().With(WorkflowPath, ReleaseFixed.Replace("@release/v1", "@ec4db0b4ddc65acdf4bff5fa45ac92d78b56bdf0 # v1.9.0", StringComparison.Ordinal));
        var result = new CliRunner().Run("fix", project.Root, "--only", "workflows", "--diff");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Contains("Nothing to fix.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_injections_in_one_step_are_fixed_over_two_passes()
    {
        // both fixes add an env: block after the run: script, at the same place; the second is applied on the re-audited text
        var workflow = """
            on: issues
            permissions: {}
            jobs:
              greet:
                runs-on: ubuntu-latest
                steps:
                  - run: |
                      echo "${{ github.event.issue.title }}"
                      echo "${{ github.event.issue.body }}"

            """;
        using var project = new TempProject().With(".github/workflows/greet.yml", workflow);
        var result = new CliRunner().Run("fix", project.Root, "--only", "workflows");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Applied 2 fixes in 1 file (2 passes).", result.Output, StringComparison.Ordinal);
        Assert.Contains("No findings left.", result.Output, StringComparison.Ordinal);
        Assert.Equal("""
            on: issues
            permissions: {}
            jobs:
              greet:
                runs-on: ubuntu-latest
                steps:
                  - run: |
                      echo "${ISSUE_TITLE}"
                      echo "${ISSUE_BODY}"
                    env:
                      ISSUE_TITLE: ${{ github.event.issue.title }}
                      ISSUE_BODY: ${{ github.event.issue.body }}

            """, File.ReadAllText(project.PathOf(".github/workflows/greet.yml")));
    }

    [Fact]
    public void Suppressed_findings_keep_their_text_and_crlf_and_bom_survive()
    {
        // the first checkout's artipacked finding is suppressed inline: only the second checkout changes
        var workflow = "on: push\r\npermissions: {}\r\njobs:\r\n  a:\r\n    runs-on: ubuntu-latest\r\n    steps:\r\n"
            + "      - uses: actions/checkout@692973e3d937129bcbf40652eb9f2f61becf3332 # kingsnake: ignore[artipacked]\r\n"
            + "      - uses: actions/checkout@692973e3d937129bcbf40652eb9f2f61becf3332 # v4.1.7\r\n";
        using var project = new TempProject();
        Directory.CreateDirectory(project.PathOf(".github/workflows"));
        File.WriteAllBytes(project.PathOf(".github/workflows/ci.yml"), [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(workflow)]);

        var result = new CliRunner().Run("fix", project.Root, "--only", "workflows");

        Assert.Equal(0, result.ExitCode);
        var bytes = File.ReadAllBytes(project.PathOf(".github/workflows/ci.yml"));
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var expected = workflow + "        with:\r\n          persist-credentials: false\r\n";
        Assert.Equal(expected, Encoding.UTF8.GetString(bytes[3..]));
        Assert.Contains("Applied 1 fix in 1 file.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_pins_file_is_an_error_naming_its_line_and_the_other_fixes_still_apply()
    {
        using var project = new TempProject()
            .With(WorkflowPath, Release)
            .With(".github/kingsnake-pins.toml", "[pins]\n\"actions/checkout@v4.1.7\" = \"not-a-sha\"\n");
        var result = new CliRunner().Run("fix", project.Root, "--only", "workflows");

        Assert.Equal(1, result.ExitCode); // the unpinned branch ref is left, as without the broken file
        Assert.Contains("error: .github/kingsnake-pins.toml:2:", result.Error, StringComparison.Ordinal);
        Assert.Contains("full 40-character commit SHA", result.Error, StringComparison.Ordinal);
        Assert.Equal(ReleaseFixed, File.ReadAllText(project.PathOf(WorkflowPath))); // the built-in pins still apply
    }

    [Fact]
    public void Pins_file_overrides_the_built_in_list()
    {
        var sha = new string('a', 40);
        using var project = new TempProject()
            .With(WorkflowPath, Release)
            .With(".github/kingsnake-pins.toml", $"[pins]\n\"actions/checkout@v4.1.7\" = \"{sha}\"\n");
        var result = new CliRunner().Run("fix", project.Root, "--only", "workflows", "--diff");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"+      - uses: actions/checkout@{sha} # v4.1.7\n", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_area_is_a_usage_error()
    {
        using var project = new TempProject().With(WorkflowPath, Release);
        var result = new CliRunner().Run("fix", project.Root, "--only", "nonsense");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown area 'nonsense'", result.Error, StringComparison.Ordinal);
        Assert.Equal(Release, File.ReadAllText(project.PathOf(WorkflowPath)));
    }
}
