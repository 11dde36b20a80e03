using Kingsnake.Core.Findings;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Audits;
using Kingsnake.Workflows.Tests.Support;

namespace Kingsnake.Workflows.Tests.Audits;

public sealed class DependabotAuditsTests
{
    private static IReadOnlyList<Finding> Audit(string yaml, string rule, int days = 7)
    {
        var result = new WorkflowAuditor(new WorkflowAuditOptions { DependabotCooldownDays = days }).AuditText(".github/dependabot.yml", yaml, WorkflowFileKind.Dependabot);
        Assert.Null(result.Error);
        return [.. result.Findings.Where(f => f.Rule.Name == rule)];
    }

    private const string Config = """
        version: 2
        updates:
          # Python dependencies
          - package-ecosystem: pip
            directory: /
            schedule:
              interval: weekly
          - package-ecosystem: github-actions
            directory: /
            schedule: {interval: monthly}
            cooldown:
              default-days: 3
          - package-ecosystem: npm
            directory: /docs
            schedule:
              interval: weekly
            cooldown:
              default-days: 14
            insecure-external-code-execution: allow
        """;

    [Fact]
    public void Missing_and_short_cooldowns_are_medium()
    {
        var findings = Audit(Config, "dependabot-cooldown");
        Assert.Equal([4, 12], findings.Select(f => f.Location.StartLine));
        Assert.All(findings, f => Assert.Equal((Severity.Medium, Confidence.High), (f.Severity, f.Confidence)));
        Assert.Equal(2, Audit(Config, "dependabot-cooldown", days: 15).Count(f => f.Location.StartLine is 4 or 12));
        Assert.Equal(3, Audit(Config, "dependabot-cooldown", days: 15).Count);
    }

    [Fact]
    public void Cooldown_fixes_keep_comments_and_re_audit_clean()
    {
        var findings = Audit(Config, "dependabot-cooldown");
        var fixedText = Edits.Apply(Config, findings.SelectMany(f => f.Fix!.Edits));
        var expected = Config
            .Replace("      interval: weekly\n  - package-ecosystem: github-actions", "      interval: weekly\n    cooldown:\n      default-days: 7\n  - package-ecosystem: github-actions", StringComparison.Ordinal)
            .Replace("default-days: 3", "default-days: 7", StringComparison.Ordinal);
        Assert.Equal(expected, fixedText);
        Assert.Empty(Audit(fixedText, "dependabot-cooldown"));
    }

    [Fact]
    public void Cooldown_fix_at_the_end_of_a_file_without_newline()
    {
        var yaml = "version: 2\nupdates:\n  - package-ecosystem: uv\n    directory: /\n    schedule: {interval: daily}";
        var fixedText = Edits.Apply(yaml, Assert.Single(Audit(yaml, "dependabot-cooldown")).Fix!.Edits);
        Assert.Equal(yaml + "\n    cooldown:\n      default-days: 7\n", fixedText);
        Assert.Empty(Audit(fixedText, "dependabot-cooldown"));
    }

    [Fact]
    public void Code_execution_allowed_is_high_with_a_fix()
    {
        var finding = Assert.Single(Audit(Config, "dependabot-execution"));
        Assert.Equal((Severity.High, 19), (finding.Severity, finding.Location.StartLine));
        var fixedText = Edits.Apply(Config, finding.Fix!.Edits);
        Assert.Contains("insecure-external-code-execution: deny", fixedText, StringComparison.Ordinal);
        Assert.Empty(Audit(fixedText, "dependabot-execution"));
    }

    [Fact]
    public void Ignore_comment_and_malformed_config()
    {
        var yaml = "version: 2\nupdates:\n  - package-ecosystem: pip # zizmor: ignore[dependabot-cooldown]\n    directory: /\n";
        Assert.Empty(Audit(yaml, "dependabot-cooldown"));
        var bad = new WorkflowAuditor().AuditText(".github/dependabot.yml", "version: 2\nupdates: [1, 2]\n", WorkflowFileKind.Dependabot);
        Assert.NotNull(bad.Error);
        Assert.Equal(2, bad.Error!.Location.StartLine);
    }

    [Fact]
    public void Workflow_audits_ignore_dependabot_files()
    {
        var result = new WorkflowAuditor(new WorkflowAuditOptions { Persona = Persona.Auditor }).AuditText(".github/dependabot.yml", Config, WorkflowFileKind.Dependabot);
        Assert.DoesNotContain(result.Findings, f => f.Rule.Name is not ("dependabot-cooldown" or "dependabot-execution"));
    }
}

public sealed class PreCommitAuditsTests
{
    private const string Config = """
        repos:
          - repo: https://github.com/pre-commit/pre-commit-hooks
            rev: v5.0.0
            hooks:
              - id: trailing-whitespace
          - repo: http://example.com/hooks.git
            rev: 0123456789abcdef0123456789abcdef01234567
            hooks: [{id: x}]
          - repo: git://github.com/someone/hooks
            rev: main
            hooks: [{id: y}]
          - repo: https://github.com/astral-sh/ruff-pre-commit
            rev: 0123456789abcdef0123456789abcdef01234567  # frozen: v0.8.0
            hooks: [{id: ruff}]
          - repo: https://github.com/actions-rs/toolchain
            hooks: [{id: z}]
          - repo: local
            hooks:
              - id: mypy
                name: mypy
                entry: mypy
                language: system
        """;

    private static IReadOnlyList<Finding> Audit(string rule, Persona persona = Persona.Regular)
    {
        var result = new WorkflowAuditor(new WorkflowAuditOptions { Persona = persona }).AuditText(".pre-commit-config.yaml", Config, WorkflowFileKind.PreCommit);
        Assert.Null(result.Error);
        return [.. result.Findings.Where(f => f.Rule.Name == rule)];
    }

    [Fact]
    public void Http_and_git_schemes_are_high()
    {
        var findings = Audit("insecure-url-scheme");
        Assert.Equal([6, 9], findings.Select(f => f.Location.StartLine));
        Assert.All(findings, f => Assert.Equal((Severity.High, Confidence.High), (f.Severity, f.Confidence)));
    }

    [Fact]
    public void Unpinned_hooks_branch_and_missing_rev_are_high_tags_pedantic()
    {
        Assert.Equal([(10, Severity.High), (15, Severity.High)], Audit("unpinned-uses").Select(f => (f.Location.StartLine, f.Severity)));
        Assert.Equal([3, 10, 15], Audit("unpinned-uses", Persona.Pedantic).Select(f => f.Location.StartLine).Order());
    }

    [Fact]
    public void Archived_hook_repository_is_reported() => Assert.Equal(15, Assert.Single(Audit("archived-uses")).Location.StartLine);
}

public sealed class ConfigFileInputTests
{
    [Theory]
    [InlineData("repos:\n  - rev: v1\n    hooks: []\n", 2)]
    [InlineData("repos:\n  - repo: [a]\n", 2)]
    [InlineData("repos: 3\n", 1)]
    [InlineData("- a\n", 1)]
    public void Malformed_pre_commit_configs_are_errors_with_a_line(string yaml, int line)
    {
        var result = new WorkflowAuditor().AuditText(".pre-commit-config.yaml", yaml, WorkflowFileKind.PreCommit);
        Assert.NotNull(result.Error);
        Assert.Equal(line, result.Error!.Location.StartLine);
        Assert.Empty(result.Findings);
    }

    [Theory]
    [InlineData(".github/dependabot.yml", WorkflowFileKind.Dependabot)]
    [InlineData("sub/.github/dependabot.yaml", WorkflowFileKind.Dependabot)]
    [InlineData("dependabot.yml", null)]
    [InlineData(".pre-commit-config.yaml", WorkflowFileKind.PreCommit)]
    [InlineData("pkg/.pre-commit-config.yml", WorkflowFileKind.PreCommit)]
    [InlineData(".github/workflows/dependabot.yml", WorkflowFileKind.Workflow)]
    public void Classification(string path, WorkflowFileKind? kind) => Assert.Equal(kind, WorkflowDiscovery.Classify(path));
}
