using Kingsnake.Core.Findings;
using Kingsnake.Core.Shell;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Audits;
using Kingsnake.Workflows.Shell;
using Kingsnake.Workflows.Tests.Support;

namespace Kingsnake.Workflows.Tests.Audits;

public sealed class UndocumentedPermissionsTests
{
    private const string Rule = "undocumented-permissions";

    [Fact]
    public void Grants_without_comments_are_pedantic()
    {
        var yaml = """
            on: push
            permissions:
              contents: read
              pull-requests: write
            jobs:
              publish:
                permissions:
                  id-token: write   # trusted publishing
                  issues: none
                  packages: read
                runs-on: x
                steps: []
            """;
        Assert.Empty(Run.Workflow(yaml, Rule));
        var findings = Run.Workflow(yaml, Rule, Persona.Pedantic);
        Assert.Equal([4, 10], findings.Select(f => f.Location.StartLine));
        Assert.Equal("pull-requests: write", Run.Covered(yaml, findings[0]));
    }
}

public sealed class ForbiddenUsesTests
{
    private const string Rule = "forbidden-uses";

    private const string Yaml = """
        on: push
        jobs:
          t:
            runs-on: x
            steps:
              - uses: actions/checkout@v4
              - uses: pypa/gh-action-pypi-publish@release/v1
              - uses: someone/setup-thing@v1
              - uses: github/codeql-action/init@v3
              - uses: ./local
              - uses: docker://alpine:3
          call:
            uses: someone/workflows/.github/workflows/x.yml@v1
        """;

    private static IReadOnlyList<Finding> Audit(UsesPolicy policy)
    {
        var result = new WorkflowAuditor(new WorkflowAuditOptions { ForbiddenUses = policy }).AuditText(".github/workflows/ci.yml", Yaml, WorkflowFileKind.Workflow);
        return [.. result.Findings.Where(f => f.Rule.Name == Rule)];
    }

    [Fact]
    public void Off_by_default() => Assert.Empty(Run.Workflow(Yaml, Rule));

    [Fact]
    public void Allow_list_forbids_everything_else()
    {
        var findings = Audit(new UsesPolicy(["actions/*", "pypa/gh-action-*", "GitHub/CodeQL-Action"], []));
        Assert.Equal([8, 13], findings.Select(f => f.Location.StartLine));
        Assert.All(findings, f => Assert.Equal((Severity.High, Confidence.High), (f.Severity, f.Confidence)));
    }

    [Fact]
    public void Deny_list_forbids_matches_only()
    {
        var findings = Audit(new UsesPolicy([], ["someone/*", "github/codeql-action/analyze"]));
        Assert.Equal([8, 13], findings.Select(f => f.Location.StartLine));
    }

    [Theory]
    [InlineData("actions/*", "actions/checkout", true)]
    [InlineData("actions/check*", "actions/checkout", true)]
    [InlineData("actions/checkout", "actions/checkout/sub", true)]
    [InlineData("actions/checkout/sub", "actions/checkout", false)]
    [InlineData("actions", "actions/checkout", false)]
    [InlineData("*/checkout", "evil/checkout", true)]
    [InlineData("a*b*c/x", "aXXbYYc/x", true)]
    [InlineData("a*b*c/x", "aXXbYY/x", false)]
    public void Pattern_matching(string pattern, string action, bool matches) =>
        Assert.Equal(matches, UsesPolicy.Matches(pattern, action));
}

public sealed class SuperfluousActionsTests
{
    private const string Rule = "superfluous-actions";

    [Fact]
    public void Release_wrappers_are_informational_and_others_pedantic()
    {
        var yaml = "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: softprops/action-gh-release@v2\n      - uses: peter-evans/create-pull-request@v7\n      - uses: actions/checkout@v4\n";
        var regular = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal((Severity.Info, 6), (regular.Severity, regular.Location.StartLine));
        Assert.Equal(2, Run.Workflow(yaml, Rule, Persona.Pedantic).Count);
    }
}

public sealed class AdhocPackagesTests
{
    private const string Rule = "adhoc-packages";

    [Theory]
    [InlineData("npm install -g semantic-release", "npm install -g semantic-release")]
    [InlineData("sudo gem install fpm", "sudo gem install fpm")]
    [InlineData("cd docs && yarn add vitepress", "yarn add vitepress")]
    public void Named_installs_are_reported_at_the_command(string run, string covered)
    {
        var yaml = $"on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: {run}\n";
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal((Severity.Low, Confidence.High), (finding.Severity, finding.Confidence));
        Assert.Equal(covered, Run.Covered(yaml, finding));
    }

    [Theory]
    [InlineData("python -m pip install build twine", "build, twine")]
    [InlineData("pip install 'tox>=4'", "tox>=4")]
    [InlineData("uv pip install --system pytest", "pytest")]
    [InlineData("pipx install nox", "nox")]
    [InlineData("uv tool install ruff", "ruff")]
    public void Python_installs_are_pedantic(string run, string packages)
    {
        var yaml = $"on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: {run}\n";
        Assert.Empty(Run.Workflow(yaml, Rule));
        var finding = Assert.Single(Run.Workflow(yaml, Rule, Persona.Pedantic));
        Assert.Contains(packages, finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("npm ci")]
    [InlineData("npm install")]
    [InlineData("yarn install --frozen-lockfile")]
    [InlineData("python -m pip install --upgrade pip")]
    [InlineData("pip install -r requirements.txt")]
    [InlineData("pip install -e '.[test]'")]
    [InlineData("pip install build==1.2.2 twine==6.0.1")]
    [InlineData("pip install --require-hashes -r req.txt pytest")]
    [InlineData("pip install dist/*.whl")]
    [InlineData("uv sync --locked")]
    [InlineData("echo 'npm install left-pad'")]
    [InlineData("# pip install foo")]
    public void Locked_pinned_and_local_installs_are_clean(string run)
    {
        var yaml = $"on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: {run}\n";
        Assert.Empty(Run.Workflow(yaml, Rule, Persona.Pedantic));
    }

    [Fact]
    public void Continuation_lines_form_one_command()
    {
        var commands = ShellScript.Parse("pip install \\\n  pytest \\\n  coverage\necho done", ShellDialect.Posix);
        Assert.Equal(2, commands.Count);
        Assert.Equal(["pip", "install", "pytest", "coverage"], commands[0].Words.Select(w => w.Text));
    }

    [Theory]
    [InlineData("pip3.12 install --user \"httpx\" \\\n  'rich'", "httpx, rich")]
    [InlineData("sudo -E python3 -m pip install black  # formatter", "black")]
    [InlineData("sudo apt-get update && sudo apt-get install -y --no-install-recommends graphviz libxml2-dev=2.9.14", "graphviz")]
    [InlineData("if ! command -v tox; then pipx install tox; fi", "tox")]
    [InlineData("PIP_NO_CACHE_DIR=1 pip install 'coverage[toml]'", "coverage[toml]")]
    public void Installs_behind_quotes_continuations_keywords_and_sudo_are_found(string run, string packages)
    {
        var yaml = $"on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: |\n          {run.Replace("\n", "\n          ", StringComparison.Ordinal)}\n";
        var finding = Assert.Single(Run.Workflow(yaml, Rule, Persona.Pedantic));
        Assert.Contains(packages, finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("libxml2", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pip install -r requirements.txt --require-hashes")]
    [InlineData("echo \"run: pip install foo\"")]
    [InlineData("pytest\n  # pip install foo\n#pip install bar")]
    [InlineData("python -c 'import os; os.system(\"pip install foo\")'")]
    [InlineData("cat > setup.sh <<'EOF'\npip install foo\nnpm install -g bar\nEOF")]
    [InlineData("sudo apt-get install -y ./dist/tool.deb")]
    [InlineData("pip install --upgrade pip setuptools==75.1.0")]
    [InlineData("git commit -m 'npm install left-pad'")]
    public void Quoted_commented_heredoc_and_pinned_text_is_no_install(string run)
    {
        var yaml = $"on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: |\n          {run.Replace("\n", "\n          ", StringComparison.Ordinal)}\n";
        Assert.Empty(Run.Workflow(yaml, Rule, Persona.Pedantic));
    }

    [Fact]
    public void Install_can_be_suppressed()
    {
        var yaml = "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: npm install -g semantic-release # kingsnake: ignore[GHA026]\n";
        Assert.Empty(Run.Workflow(yaml, Rule));
    }
}

public sealed class UnpinnedToolsTests
{
    private const string Rule = "unpinned-tools";

    [Fact]
    public void Missing_latest_and_dynamic_versions_are_reported()
    {
        var yaml = """
            on: push
            jobs:
              t:
                runs-on: x
                steps:
                  - uses: aquasecurity/setup-trivy@v0.2.2
                  - uses: aquasecurity/setup-trivy@v0.2.2
                    with:
                      version: latest
                  - uses: 1password/load-secrets-action@v2
                    with:
                      version: ${{ inputs.op }}
                  - uses: aquasecurity/setup-trivy@v0.2.2
                    with:
                      version: v0.58.1
            """;
        var findings = Run.Workflow(yaml, Rule);
        Assert.Equal([(6, Confidence.High), (9, Confidence.High), (12, Confidence.Low)], findings.Select(f => (f.Location.StartLine, f.Confidence)));
    }
}

public sealed class MisfeatureTests
{
    private const string Rule = "misfeature";

    [Fact]
    public void Pip_install_input_and_cmd_shells_are_reported()
    {
        var yaml = """
            on: push
            defaults:
              run:
                shell: cmd
            jobs:
              t:
                runs-on: windows-latest
                steps:
                  - uses: actions/setup-python@v5
                    with:
                      python-version: "3.12"
                      pip-install: pytest requests
                  - run: echo %PATH%
                    shell: cmd
                  - run: print(1)
                    shell: python
                  - run: ./x
                    shell: perl {0}
            """;
        var findings = Run.Workflow(yaml, Rule);
        Assert.Equal([4, 12, 14], findings.Select(f => f.Location.StartLine).Order());
        Assert.Equal(4, Run.Workflow(yaml, Rule, Persona.Auditor).Count);
    }
}

public sealed class GitHubAppTests
{
    private const string Rule = "github-app";

    [Fact]
    public void Broad_and_unrevoked_tokens_are_reported()
    {
        var yaml = """
            on: push
            jobs:
              t:
                runs-on: x
                steps:
                  - uses: actions/create-github-app-token@v2
                    with:
                      app-id: ${{ vars.APP_ID }}
                      private-key: ${{ secrets.KEY }}
                      owner: my-org
                      skip-token-revoke: true
            """;
        var findings = Run.Workflow(yaml, Rule);
        Assert.Equal([6, 10, 11], findings.Select(f => f.Location.StartLine).Order());
    }

    [Fact]
    public void Scoped_token_is_clean()
    {
        var yaml = "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: actions/create-github-app-token@v2\n        with:\n          app-id: '1'\n          owner: my-org\n          repositories: docs\n          permission-contents: write\n";
        Assert.Empty(Run.Workflow(yaml, Rule, Persona.Auditor));
    }
}

public sealed class SelfRepositoryTests
{
    private const string Rule = "self-repository";

    [Theory]
    [InlineData("./.github/actions/setup", "$/.github/actions/setup")]
    [InlineData("'./.github/actions/setup'", "'$/.github/actions/setup'")]
    public void Workspace_relative_actions_get_a_fix_that_re_audits_clean(string uses, string expected)
    {
        var yaml = $"on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: {uses}  # keep\n  call:\n    uses: ./.github/workflows/reusable.yml\n";
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal((Severity.Low, 6), (finding.Severity, finding.Location.StartLine));
        var fixedText = Edits.Apply(yaml, finding.Fix!.Edits);
        Assert.Contains($"- uses: {expected}  # keep", fixedText, StringComparison.Ordinal);
        Assert.Empty(Run.Workflow(fixedText, Rule));
    }

    [Fact]
    public void No_edit_where_workspace_and_repository_can_differ()
    {
        // under pull_request_target with the fork's head checked out, ./ is the fork's action: $/ would run another file
        var yaml = """
            on: pull_request_target
            jobs:
              t:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                    with:
                      ref: ${{ github.event.pull_request.head.sha }}
                  - uses: ./.github/actions/setup
            """;
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Null(finding.Fix);
        Assert.Contains("checks out with ref:", finding.Message, StringComparison.Ordinal);

        var action = "name: a\nruns:\n  using: composite\n  steps:\n    - uses: ./helpers/setup\n";
        var composite = Assert.Single(Run.Action(action, Rule));
        Assert.Null(composite.Fix);
        Assert.Contains("caller's workspace", composite.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reusable_workflow_calls_already_resolve_to_the_callers_commit()
    {
        // GitHub reads a ./ reusable workflow from the caller's own commit, not from the workspace: not a finding
        Assert.Empty(Run.Workflow("on: push\njobs:\n  call:\n    uses: ./.github/workflows/reusable.yml\n", Rule));
    }
}
