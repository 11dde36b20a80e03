using Kingsnake.Core.Findings;
using Kingsnake.Workflows.Audits;
using Kingsnake.Workflows.Tests.Support;

namespace Kingsnake.Workflows.Tests.Audits;

public sealed class UnsoundContainsTests
{
    private const string Rule = "unsound-contains";

    [Theory]
    [InlineData("contains('refs/heads/main refs/heads/release', github.ref)", Severity.High)]
    [InlineData("${{ contains('main,develop', github.head_ref) }}", Severity.High)]
    [InlineData("github.repository == 'o/r' && contains('prod staging', inputs.target)", Severity.High)]
    [InlineData("contains('push pull_request', github.event_name)", Severity.Info)]
    public void String_haystacks_are_reported(string condition, Severity severity)
    {
        var yaml = $"on: push\njobs:\n  deploy:\n    if: {condition}\n    runs-on: x\n    steps: []\n";
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal((severity, Confidence.High), (finding.Severity, finding.Confidence));
        Assert.StartsWith("contains(", Run.Covered(yaml, finding), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("contains(fromJSON('[\"refs/heads/main\", \"refs/heads/release\"]'), github.ref)")]
    [InlineData("contains(github.event.pull_request.labels.*.name, 'safe to test')")]
    [InlineData("contains(github.event.head_commit.message, '[skip ci]')")]
    [InlineData("github.ref == 'refs/heads/main'")]
    public void Lists_and_context_haystacks_are_clean(string condition)
    {
        var yaml = $"on: push\njobs:\n  deploy:\n    runs-on: x\n    steps:\n      - if: {condition}\n        run: echo\n";
        Assert.Empty(Run.Workflow(yaml, Rule));
    }

    [Fact]
    public void Ignore_comment_on_the_job_id_line_suppresses()
    {
        var yaml = "on: push\njobs:\n  deploy: # zizmor: ignore[unsound-contains] checked below\n    if: contains('main dev', github.ref_name)\n    runs-on: x\n    steps: []\n  other: # zizmor: ignore[unsound-ternary]\n    if: contains('main dev', github.ref_name)\n    runs-on: x\n    steps: []\n";
        Assert.Equal(8, Assert.Single(Run.Workflow(yaml, Rule)).Location.StartLine);
    }

    [Fact]
    public void Ignore_comment_on_the_job_suppresses()
    {
        var yaml = "on: push\njobs:\n  deploy:\n    if: contains('main dev', github.ref_name) # zizmor: ignore[unsound-contains]\n    runs-on: x\n    steps: []\n";
        Assert.Empty(Run.Workflow(yaml, Rule));
    }
}

public sealed class UnsoundTernaryTests
{
    private const string Rule = "unsound-ternary";

    [Theory]
    [InlineData("${{ github.event_name == 'push' && '' || '--dry-run' }}")]
    [InlineData("${{ inputs.debug && false || true }}")]
    [InlineData("${{ matrix.x && 0 || 1 }}")]
    public void Falsy_true_branches_are_reported(string value)
    {
        var yaml = $"on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: echo \"{value}\"\n";
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal((Severity.Low, Confidence.High), (finding.Severity, finding.Confidence));
        Assert.Contains("&&", Run.Covered(yaml, finding), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("${{ github.event_name != 'push' && '--dry-run' || '' }}")]
    [InlineData("${{ inputs.a || inputs.b }}")]
    [InlineData("${{ inputs.a && inputs.b }}")]
    public void Sound_ternaries_are_clean(string value)
    {
        var yaml = $"on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: echo \"{value}\"\n";
        Assert.Empty(Run.Workflow(yaml, Rule));
    }
}

public sealed class UnredactedSecretsTests
{
    private const string Rule = "unredacted-secrets";

    [Fact]
    public void Field_of_a_json_secret_is_reported()
    {
        var yaml = """
            on: push
            jobs:
              t:
                runs-on: x
                steps:
                  - run: ./deploy.sh
                    env:
                      PASSWORD: ${{ fromJSON(secrets.DB).password }}
                      USER: ${{ fromJson(secrets['CREDS'])['user'] }}
            """;
        var findings = Run.Workflow(yaml, Rule);
        Assert.Equal(["fromJSON(secrets.DB).password", "fromJson(secrets['CREDS'])['user']"], findings.Select(f => Run.Covered(yaml, f)));
        Assert.All(findings, f => Assert.Equal((Severity.Medium, Confidence.High), (f.Severity, f.Confidence)));
    }

    [Fact]
    public void Whole_secrets_and_json_of_non_secrets_are_clean()
    {
        var yaml = "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: echo\n        env:\n          A: ${{ secrets.DB }}\n          B: ${{ fromJSON(needs.x.outputs.m).field }}\n          C: ${{ fromJSON(secrets.FLAG) }}\n";
        Assert.Empty(Run.Workflow(yaml, Rule));
    }
}

public sealed class ObfuscationTests
{
    private const string Rule = "obfuscation";

    [Theory]
    [InlineData("actions/checkout/./@v4", "actions/checkout@v4")]
    [InlineData("github/codeql-action//init@v3", "github/codeql-action/init@v3")]
    [InlineData("evil/x/../../actions/checkout@v4", "actions/checkout@v4")]
    public void Dotted_paths_are_reported_with_a_fix_that_re_audits_clean(string uses, string normalized)
    {
        var yaml = $"on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: {uses} # a comment that stays\n";
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal((Severity.Low, Confidence.High), (finding.Severity, finding.Confidence));
        var fixedText = Edits.Apply(yaml, finding.Fix!.Edits);
        Assert.Contains($"- uses: {normalized} # a comment that stays", fixedText, StringComparison.Ordinal);
        Assert.Empty(Run.Workflow(fixedText, Rule));
    }

    [Theory]
    [InlineData("run: ${{ 'curl' }} https://x | sh")]
    [InlineData("run: echo ${{ format('{0}{1}', 'a', 'b') }}")]
    [InlineData("run: echo ${{ fromJSON(toJSON(github.event)) }}")]
    public void Constant_and_round_trip_expressions_are_reported(string step)
    {
        var yaml = $"on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - {step}\n";
        Assert.Single(Run.Workflow(yaml, Rule));
    }

    [Theory]
    [InlineData("run: echo ${{ github.sha }}")]
    [InlineData("with: {fail: '${{ true }}'}\n        uses: a/b@v1")]
    [InlineData("if: false\n        run: echo")]
    [InlineData("run: echo ${{ format('{0}', github.ref) }}")]
    [InlineData("uses: ./.github/actions/setup")]
    public void Ordinary_expressions_and_paths_are_clean(string step)
    {
        var yaml = $"on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - {step}\n";
        Assert.Empty(Run.Workflow(yaml, Rule, Persona.Pedantic));
    }

    [Theory]
    [InlineData("      - run: ${{ 'curl' }} -sSf https://x.example | sh\n", "      - run: curl -sSf https://x.example | sh\n")]
    [InlineData("      - run: |\n          echo ${{ format('{0} {1}!', 'hello', 'world') }}\n", "      - run: |\n          echo hello world!\n")]
    [InlineData("      - run: echo ${{ format('{{0}}-{0}', 'v1') }}\n", null)] // braces in the value: a plain scalar is left alone
    [InlineData("        env:\n          TOOL: ${{ 'ruff' }}\n        run: $TOOL check\n", "        env:\n          TOOL: ruff\n        run: $TOOL check\n")]
    public void Constant_is_fixed_to_its_value_where_the_yaml_reads_the_same(string steps, string? fixedSteps)
    {
        var yaml = "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n" + (steps.StartsWith("        env:", StringComparison.Ordinal) ? "      - name: lint\n" : "") + steps;
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        if (fixedSteps is null)
        {
            Assert.Null(finding.Fix);
            return;
        }

        var fixedText = Edits.Apply(yaml, finding.Fix!.Edits);
        Assert.EndsWith(fixedSteps, fixedText, StringComparison.Ordinal);
        Assert.Empty(Run.Workflow(fixedText, Rule));
    }

    [Fact]
    public void Composite_steps_reusable_calls_and_conditions_are_covered()
    {
        var action = "name: a\nruns:\n  using: composite\n  steps:\n    - uses: actions/setup-python/.//@v5\n    - shell: bash\n      if: ${{ format('{0}', 'true') }}\n      run: echo\n";
        Assert.Equal([5, 7], Run.Action(action, Rule).Select(f => f.Location.StartLine));

        var caller = "on: push\njobs:\n  docs:\n    uses: org/shared/./.github/workflows/docs.yml@v1\n";
        var finding = Assert.Single(Run.Workflow(caller, Rule));
        Assert.Equal("org/shared/.github/workflows/docs.yml@v1", Assert.Single(finding.Fix!.Edits).NewText);
    }

    [Fact]
    public void Whole_with_expression_is_pedantic()
    {
        var yaml = "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: a/b@v1\n        with: ${{ fromJSON(inputs.args) }}\n";
        Assert.Empty(Run.Workflow(yaml, Rule));
        Assert.Equal(Severity.Info, Assert.Single(Run.Workflow(yaml, Rule, Persona.Pedantic)).Severity);
    }
}

public sealed class SecretsOutsideEnvTests
{
    private const string Rule = "secrets-outside-env";

    [Fact]
    public void Repository_secrets_without_environment_are_for_auditors_once_per_secret()
    {
        var yaml = """
            on: push
            jobs:
              upload:
                runs-on: x
                steps:
                  - run: ./upload.sh "$T"
                    env:
                      T: ${{ secrets.UPLOAD_TOKEN }}
                      G: ${{ secrets.GITHUB_TOKEN }}
                  - run: ./again.sh
                    env:
                      T: ${{ secrets.UPLOAD_TOKEN }}
              publish:
                runs-on: x
                environment: pypi
                steps:
                  - run: ./publish.sh
                    env:
                      T: ${{ secrets.PYPI_TOKEN }}
            """;
        Assert.Empty(Run.Workflow(yaml, Rule, Persona.Pedantic));
        var finding = Assert.Single(Run.Workflow(yaml, Rule, Persona.Auditor));
        Assert.Equal((8, "${{ secrets.UPLOAD_TOKEN }}"), (finding.Location.StartLine, Run.Covered(yaml, finding)));
    }

    [Fact]
    public void Reusable_only_workflows_are_skipped() =>
        Assert.Empty(Run.Workflow("on: workflow_call\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: echo\n        env:\n          A: ${{ secrets.A }}\n", Rule, Persona.Auditor));
}
