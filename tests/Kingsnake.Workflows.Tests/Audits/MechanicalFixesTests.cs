using Kingsnake.Workflows.Audits;
using Kingsnake.Workflows.Tests.Support;

namespace Kingsnake.Workflows.Tests.Audits;

/// <summary>The artipacked and excessive-permissions fixes: applied as text edits, then the file is audited again.</summary>
public sealed class MechanicalFixesTests
{
    private static string ApplyAll(string yaml, string rule, Persona persona = Persona.Regular)
    {
        var findings = Run.Workflow(yaml, rule, persona);
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.NotNull(f.Fix));
        return Edits.Apply(yaml, findings.SelectMany(f => f.Fix!.Edits));
    }

    [Fact]
    public void Persist_credentials_is_added_to_existing_with_missing_with_and_flow_with()
    {
        var yaml = """
            on: push
            jobs:
              a:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4  # full history for setuptools-scm
                    with:
                      fetch-depth: 0
                  - run: pytest
              b:
                runs-on: ubuntu-latest
                steps:
                  - name: Check out
                    uses: actions/checkout@v4
                  # then build
                  - run: python -m build
                  - uses: actions/checkout@v4
                    with: {repository: org/other, path: other}
                  - uses: actions/checkout@v4
                    with: {}
            """;
        var fixedText = ApplyAll(yaml, "artipacked");
        var expected = """
            on: push
            jobs:
              a:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4  # full history for setuptools-scm
                    with:
                      fetch-depth: 0
                      persist-credentials: false
                  - run: pytest
              b:
                runs-on: ubuntu-latest
                steps:
                  - name: Check out
                    uses: actions/checkout@v4
                    with:
                      persist-credentials: false
                  # then build
                  - run: python -m build
                  - uses: actions/checkout@v4
                    with: {repository: org/other, path: other, persist-credentials: false}
                  - uses: actions/checkout@v4
                    with: {persist-credentials: false}
            """;
        Assert.Equal(expected, fixedText);
        Assert.Empty(Run.Workflow(fixedText, "artipacked", Persona.Auditor));
    }

    [Fact]
    public void Explicit_true_is_turned_to_false_and_last_step_at_end_of_file()
    {
        var yaml = "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          persist-credentials: true\n      - uses: actions/checkout@v4";
        var fixedText = ApplyAll(yaml, "artipacked", Persona.Auditor);
        Assert.Equal("on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n", fixedText);
        Assert.Empty(Run.Workflow(fixedText, "artipacked", Persona.Auditor));
    }

    [Fact]
    public void Composite_action_checkout_gets_the_fix()
    {
        var yaml = "name: a\nruns:\n  using: composite\n  steps:\n    - uses: actions/checkout@v4\n    - run: make\n      shell: bash\n";
        var finding = Assert.Single(Run.Action(yaml, "artipacked"));
        var fixedText = Edits.Apply(yaml, finding.Fix!.Edits);
        Assert.Contains("    - uses: actions/checkout@v4\n      with:\n        persist-credentials: false\n    - run: make", fixedText, StringComparison.Ordinal);
        Assert.Empty(Run.Action(fixedText, "artipacked"));
    }

    [Fact]
    public void Least_privilege_permissions_are_added_before_jobs_and_their_comments()
    {
        var yaml = """
            name: CI
            on: [push, pull_request]

            # the test matrix
            jobs:
                test:
                    runs-on: ubuntu-latest
                    steps:
                        - run: pytest
                lint:
                    runs-on: ubuntu-latest
                    steps:
                        - run: ruff check
            """;
        var findings = Run.Workflow(yaml, "excessive-permissions");
        Assert.Equal(3, findings.Count); // the workflow and both jobs
        Assert.Single(findings, f => f.Fix is not null);
        var fixedText = Edits.Apply(yaml, findings.Where(f => f.Fix is not null).SelectMany(f => f.Fix!.Edits));
        Assert.Equal(yaml.Replace("\n# the test matrix", "\npermissions:\n    contents: read\n\n# the test matrix", StringComparison.Ordinal), fixedText);
        Assert.Empty(Run.Workflow(fixedText, "excessive-permissions", Persona.Pedantic));
    }

    [Fact]
    public void Single_job_workflow_gets_the_fix_on_the_job_finding()
    {
        var yaml = "on: push\njobs:\n  test:\n    runs-on: x\n    steps:\n      - run: pytest\n";
        var finding = Assert.Single(Run.Workflow(yaml, "excessive-permissions"));
        var fixedText = Edits.Apply(yaml, finding.Fix!.Edits);
        Assert.Equal("on: push\npermissions:\n  contents: read\njobs:\n  test:\n    runs-on: x\n    steps:\n      - run: pytest\n", fixedText);
        Assert.Empty(Run.Workflow(fixedText, "excessive-permissions", Persona.Pedantic));
    }

    [Fact]
    public void Flow_style_workflows_get_no_fix_rather_than_a_wrong_one()
    {
        var yaml = "{on: push, jobs: {t: {runs-on: x, steps: [{uses: actions/checkout@v4}]}}}\n";
        Assert.All(Run.Workflow(yaml, "excessive-permissions"), f => Assert.Null(f.Fix));
        Assert.Null(Assert.Single(Run.Workflow(yaml, "artipacked")).Fix);
    }
}
