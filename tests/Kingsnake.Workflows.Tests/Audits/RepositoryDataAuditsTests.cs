using System.Text;
using Kingsnake.Core.Findings;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Audits;
using Kingsnake.Workflows.Model;
using Kingsnake.Workflows.RepositoryData;

namespace Kingsnake.Workflows.Tests.Audits;

/// <summary>The four audits that need repository data, run against snapshots written here (synthetic commits).</summary>
public sealed class RepositoryDataAuditsTests
{
    private const string Released = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"; // v1.1.0 and v1
    private const string Patched = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"; // v1.2.0
    private const string MainHead = "cccccccccccccccccccccccccccccccccccccccc"; // branch main, no tag
    private const string Merged = "dddddddddddddddddddddddddddddddddddddddd"; // an older commit on main
    private const string ForkOnly = "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee";

    private const string Snapshot = $$"""
        {
          "format": "kingsnake-action-data/1",
          // what `git ls-remote` and `git rev-list --branches --tags` said
          "repositories": {
            "example/tool": {
              "tags": { "v1.1.0": "{{Released}}", "v1": "{{Released}}", "v1.2.0": "{{Patched}}", "refs/tags/shared": "{{Patched}}" },
              "branches": { "main": "{{MainHead}}", "shared": "{{MainHead}}" },
              "reachable_commits": [ "{{Released}}", "{{Patched}}", "{{MainHead}}", "{{Merged}}" ],
            },
            "Example/No-History": { "tags": { "v2.0.0": "{{Patched}}" } }
          },
          "advisories": [
            {
              "ghsa_id": "GHSA-aaaa-bbbb-cccc",
              "summary": "command injection through the label input",
              "severity": "high",
              "cve_id": "CVE-2099-0001",
              "vulnerabilities": [
                { "package": { "ecosystem": "actions", "name": "example/tool" }, "vulnerable_version_range": "< 1.2.0", "first_patched_version": "1.2.0" }
              ]
            },
            {
              "ghsa_id": "GHSA-dddd-eeee-ffff",
              "severity": "moderate",
              "vulnerabilities": [
                { "package": { "ecosystem": "actions", "name": "example/suite/sub" }, "vulnerable_version_range": ">= 3.0.0, <= 3.4.1", "first_patched_version": { "identifier": "3.4.2" } }
              ]
            },
            { "ghsa_id": "GHSA-pipx-pipx-pipx", "severity": "critical", "vulnerabilities": [ { "package": { "ecosystem": "pip", "name": "example/tool" }, "vulnerable_version_range": "< 99" } ] },
            { "ghsa_id": "GHSA-gone-gone-gone", "severity": "critical", "withdrawn_at": "2024-01-01T00:00:00Z",
              "vulnerabilities": [ { "package": { "ecosystem": "actions", "name": "example/tool" }, "vulnerable_version_range": "< 99" } ] }
          ]
        }
        """;

    private static readonly ActionDataSnapshot Data = ActionDataSnapshot.Parse(Encoding.UTF8.GetBytes(Snapshot), "snapshot test.json");

    private static IReadOnlyList<Finding> Audit(string yaml, string rule, Persona persona = Persona.Regular, IActionRepositoryData? data = null, WorkflowFileKind kind = WorkflowFileKind.Workflow)
    {
        var result = new WorkflowAuditor(new WorkflowAuditOptions { Persona = persona, ActionData = data ?? Data })
            .AuditText(kind == WorkflowFileKind.PreCommit ? ".pre-commit-config.yaml" : ".github/workflows/ci.yml", yaml, kind);
        Assert.Null(result.Error);
        return [.. result.Findings.Where(f => f.Rule.Name == rule)];
    }

    private static string Steps(params string[] uses) =>
        "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n" + string.Concat(uses.Select(u => $"      - uses: {u}\n"));

    [Fact]
    public void Snapshot_is_read_with_its_skips()
    {
        Assert.Equal(2, Data.RepositoryCount);
        Assert.Equal(2, Data.AdvisoryCount); // the pip entry and the withdrawn advisory are dropped
        Assert.NotNull(Data.Refs("EXAMPLE/no-history"));
        Assert.Equal("shared", Assert.Single(Data.Refs("example/tool")!.TagsAt(Patched), t => t == "shared"));
        Assert.True(Data.IsReachable("example/tool", Merged));
        Assert.False(Data.IsReachable("example/tool", ForkOnly));
        Assert.Null(Data.IsReachable("example/no-history", ForkOnly)); // no commit list: cannot tell
        Assert.True(Data.IsReachable("example/no-history", Patched));
        Assert.Null(Data.IsReachable("other/repo", ForkOnly));
    }

    [Fact]
    public void Impostor_commit_is_high_and_reachable_or_unknown_commits_are_clean()
    {
        var findings = Audit(Steps($"example/tool@{ForkOnly}", $"example/tool@{Merged}", $"example/tool@{Released}", $"example/no-history@{ForkOnly}", $"other/repo@{ForkOnly}"), "impostor-commit");
        var finding = Assert.Single(findings);
        Assert.Equal((6, Severity.High, Confidence.High), (finding.Location.StartLine, finding.Severity, finding.Confidence));
        Assert.Contains("eeeeeeeeeeee", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Impostor_commit_covers_pre_commit_revs_and_honours_ignores()
    {
        var preCommit = $"repos:\n  - repo: https://github.com/example/tool\n    rev: {ForkOnly}\n    hooks: [{{id: x}}]\n  - repo: https://github.com/example/tool\n    rev: {Patched}\n    hooks: [{{id: y}}]\n";
        Assert.Equal(3, Assert.Single(Audit(preCommit, "impostor-commit", kind: WorkflowFileKind.PreCommit)).Location.StartLine);
        Assert.Empty(Audit(Steps($"example/tool@{ForkOnly} # kingsnake: ignore[GHA038]"), "impostor-commit"));
    }

    [Fact]
    public void Known_vulnerable_versions_are_resolved_through_tags()
    {
        var yaml = Steps(
            "example/tool@v1.1.0",         // 6: exact, vulnerable
            "example/tool@v1",             // 7: v1 tag → aaaa… → v1.1.0, vulnerable
            $"example/tool@{Released}",   // 8: SHA → v1.1.0, vulnerable
            "example/tool@v1.2.0",         // 9: patched
            $"example/tool@{Patched}",    // 10: SHA → v1.2.0
            $"example/tool@{MainHead}",   // 11: SHA of no tag: version unknown
            "example/tool@main",           // 12: a branch: no version
            "example/suite/sub@v3.4.1",    // 13: moderate, sub-action advisory
            "example/suite/other@v3.4.1",  // 14: another action of that repository
            "example/suite/sub@v3");       // 15: floating v3 not resolvable, and not every 3.x is vulnerable
        var findings = Audit(yaml, "known-vulnerable-actions");
        Assert.Equal([6, 7, 8, 13], findings.Select(f => f.Location.StartLine));
        Assert.All(findings.Take(3), f => Assert.Equal((Severity.High, Confidence.High), (f.Severity, f.Confidence)));
        Assert.All(findings.Take(3), f => Assert.Contains("GHSA-aaaa-bbbb-cccc", f.Message, StringComparison.Ordinal));
        Assert.Contains("fixed in 1.2.0", findings[1].Message, StringComparison.Ordinal);
        Assert.Contains("runs v1.1.0", findings[1].Message, StringComparison.Ordinal);
        Assert.Equal(Severity.Medium, findings[3].Severity);
        Assert.Contains("fixed in 3.4.2", findings[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Floating_version_without_tag_data_is_reported_only_when_every_release_is_vulnerable()
    {
        var json = """
            { "advisories": [ { "ghsa_id": "GHSA-1111-2222-3333", "severity": "low",
              "vulnerabilities": [ { "package": { "ecosystem": "actions", "name": "example/old" }, "vulnerable_version_range": "< 2.0.0", "first_patched_version": "2.0.0" } ] } ] }
            """;
        var data = ActionDataSnapshot.Parse(Encoding.UTF8.GetBytes(json), "s");
        var findings = Audit(Steps("example/old@v1", "example/old@v2", "example/old@v1.9", "example/old@main"), "known-vulnerable-actions", data: data);
        Assert.Equal([6, 8], findings.Select(f => f.Location.StartLine));
        Assert.All(findings, f => Assert.Equal(Severity.Low, f.Severity));
    }

    [Fact]
    public void Ref_confusion_needs_a_tag_and_a_branch_of_the_same_name()
    {
        var findings = Audit(Steps("example/tool@shared", "example/tool@main", "example/tool@v1", $"example/tool@{Patched}", "example/no-history@shared"), "ref-confusion");
        var finding = Assert.Single(findings);
        Assert.Equal((6, Severity.Medium, Confidence.High), (finding.Location.StartLine, finding.Severity, finding.Confidence));
        Assert.Empty(Audit(Steps("example/tool@shared # zizmor: ignore[ref-confusion]"), "ref-confusion"));
    }

    [Fact]
    public void Stale_ref_is_a_pedantic_finding_for_commits_no_tag_names()
    {
        var yaml = Steps($"example/tool@{MainHead}", $"example/tool@{Merged}", $"example/tool@{Patched}", $"example/tool@{ForkOnly}", $"other/repo@{MainHead}");
        Assert.Empty(Audit(yaml, "stale-action-refs"));
        var findings = Audit(yaml, "stale-action-refs", Persona.Pedantic);
        Assert.Equal([6, 7], findings.Select(f => f.Location.StartLine)); // the fork-only commit is impostor-commit's
        Assert.Contains("head of branch 'main'", findings[0].Message, StringComparison.Ordinal);
        Assert.All(findings, f => Assert.Equal((Severity.Low, Confidence.High), (f.Severity, f.Confidence)));
        Assert.Empty(Audit(Steps($"example/tool@{MainHead} # kingsnake: ignore[stale-action-refs]"), "stale-action-refs", Persona.Pedantic));
    }

    [Fact]
    public void Without_repository_data_the_four_audits_do_not_run()
    {
        var auditor = new WorkflowAuditor(new WorkflowAuditOptions { Persona = Persona.Auditor });
        var names = auditor.Audits.Select(a => a.Rule.Name).ToHashSet();
        Assert.Contains("ref-version-mismatch", names);
        Assert.DoesNotContain("impostor-commit", names);
        Assert.DoesNotContain("known-vulnerable-actions", names);
        Assert.DoesNotContain("ref-confusion", names);
        Assert.DoesNotContain("stale-action-refs", names);
        Assert.Equal(41, new WorkflowAuditor(new WorkflowAuditOptions { ActionData = Data }).Audits.Count);
    }

    [Fact]
    public void Snapshot_archived_flag_extends_and_overrides_the_built_in_list()
    {
        var json = """
            { "repositories": { "example/retired": { "archived": true }, "actions/create-release": { "archived": false }, "example/live": {} } }
            """;
        var data = ActionDataSnapshot.Parse(Encoding.UTF8.GetBytes(json), "s");
        var yaml = Steps("example/retired@v1", "actions/create-release@v1", "example/live@v1", "actions/upload-release-asset@v1");
        Assert.Equal([6, 9], Audit(yaml, "archived-uses", data: data).Select(f => f.Location.StartLine));
        Assert.Equal([7, 9], Audit(yaml, "archived-uses", data: ActionDataSnapshot.Parse("{}"u8.ToArray(), "empty")).Select(f => f.Location.StartLine));
        Assert.Throws<InputFormatException>(() => ActionDataSnapshot.Parse("{ \"repositories\": { \"a/b\": { \"archived\": \"yes\" } } }"u8.ToArray(), "s"));
    }

    [Theory]
    [InlineData("{ \"repositories\": { \"a/b\": { \"tags\": { \"v1\": \"abc\" } } } }", "repositories[\"a/b\"].tags[\"v1\"]", 0)]
    [InlineData("{ \"format\": \"something-else/9\" }", "unknown action data format", 0)]
    [InlineData("[1, 2]", "must be a JSON object", 0)]
    [InlineData("{\n  \"repositories\": {\n    \"a/b\": { \"tags\": { \"v1\": } }\n  }\n}", "invalid JSON", 3)]
    [InlineData("{ \"advisories\": [ { \"severity\": \"high\" } ] }", "advisories[0] has no ghsa_id", 0)]
    public void Malformed_snapshots_are_errors_naming_the_place(string json, string expected, int line)
    {
        var ex = Assert.Throws<InputFormatException>(() => ActionDataSnapshot.Parse(Encoding.UTF8.GetBytes(json), "s"));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal(line, ex.Line);
    }

    [Fact]
    public void Deeply_nested_snapshot_is_refused_not_a_crash()
    {
        var json = "{\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}";
        Assert.Throws<InputFormatException>(() => ActionDataSnapshot.Parse(Encoding.UTF8.GetBytes(json), "s"));
    }

    [Fact]
    public void Action_data_path_is_loaded_by_the_run_and_a_bad_file_keeps_the_other_results()
    {
        using var project = new TempProject();
        project.Write(".github/workflows/ci.yml", Steps($"example/tool@{ForkOnly}", "example/other@main"));
        project.Write("action-data.json", Snapshot);
        var good = project.Audit(new WorkflowAuditOptions { ActionDataPath = "action-data.json" });
        Assert.Empty(good.Errors);
        Assert.Single(good.Findings, f => f.Rule.Name == "impostor-commit");
        Assert.Equal("action-data.json", Path.GetFileName(Assert.IsType<ActionDataInfo>(good.Database).Path));

        project.Write("action-data.json", "{ \"repositories\": ");
        var bad = project.Audit(new WorkflowAuditOptions { ActionDataPath = "action-data.json" });
        var error = Assert.Single(bad.Errors);
        Assert.EndsWith("action-data.json", error.Location.Path, StringComparison.Ordinal);
        Assert.DoesNotContain(bad.Findings, f => f.Rule.Name == "impostor-commit");
        Assert.Contains(bad.Findings, f => f.Rule.Name == "unpinned-uses");

        var missing = project.Audit(new WorkflowAuditOptions { ActionDataPath = "nope.json" });
        Assert.Contains("does not exist", Assert.Single(missing.Errors).Message, StringComparison.Ordinal);
    }
}

public sealed class ActionVersionTests
{
    [Theory]
    [InlineData("v4", "4.0.0", 0)]
    [InlineData("v4.2.2", "4.2.10", -1)]
    [InlineData("v2.0.0-beta.1", "2.0.0", -1)]
    [InlineData("10.0", "9.9.9", 1)]
    public void Versions_compare_numerically(string a, string b, int order)
    {
        Assert.True(ActionVersionNumber.TryParse(a, out var left));
        Assert.True(ActionVersionNumber.TryParse(b, out var right));
        Assert.Equal(order, Math.Sign(left.CompareTo(right)));
    }

    [Theory]
    [InlineData("main")]
    [InlineData("v")]
    [InlineData("v1..2")]
    [InlineData("release/v1")]
    [InlineData("1.2.3-")]
    [InlineData("99999999999")]
    public void Non_versions_are_refused(string text) => Assert.False(ActionVersionNumber.TryParse(text, out _));

    [Theory]
    [InlineData("< 1.2.0", "1.1.9", true)]
    [InlineData("< 1.2.0", "1.2.0", false)]
    [InlineData(">= 3.0.0, <= 3.4.1", "3.4.1", true)]
    [InlineData(">= 3.0.0, <= 3.4.1", "2.9.0", false)]
    [InlineData("= 2.0.0", "v2.0.0", true)]
    [InlineData("2.0.0", "2.0.1", false)]
    public void Ranges_contain_exact_versions(string range, string version, bool expected)
    {
        Assert.True(ActionVersionNumber.TryParse(version, out var v));
        Assert.Equal(expected, ActionVersionRange.Parse(range)!.Contains(v));
    }

    [Theory]
    [InlineData("< 2.0.0", "v1", true)]
    [InlineData("<= 1.9.9", "v1", false)] // 1.10.0 would be outside
    [InlineData("< 1.4.0", "v1", false)]
    [InlineData(">= 1.0.0, < 1.3.0", "v1.2", true)]
    [InlineData("> 1.0.0, < 2.0.0", "v1", false)] // 1.0.0 itself is not affected
    [InlineData("= 1.0.0", "v1", false)]
    public void Partial_versions_count_only_when_every_release_is_inside(string range, string version, bool expected)
    {
        Assert.True(ActionVersionNumber.TryParse(version, out var v));
        Assert.Equal(expected, ActionVersionRange.Parse(range)!.ContainsEvery(v));
    }

    [Fact]
    public void Unparseable_ranges_are_null() => Assert.Null(ActionVersionRange.Parse("~> 1.2"));
}
