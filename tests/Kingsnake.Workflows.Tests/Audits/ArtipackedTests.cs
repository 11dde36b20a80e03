using Kingsnake.Core.Findings;
using Kingsnake.Workflows.Audits;
using Kingsnake.Workflows.Tests.Support;

namespace Kingsnake.Workflows.Tests.Audits;

public sealed class ArtipackedTests
{
    private const string Rule = "artipacked";

    [Fact]
    public void Checkout_then_workspace_upload_is_high()
    {
        var yaml = """
            on: push
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - run: python -m build
                  - uses: actions/upload-artifact@v4
                    with:
                      name: everything
                      path: .
            """;
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal((Severity.High, Confidence.High), (finding.Severity, finding.Confidence));
        Assert.Equal("actions/checkout@v4", Run.Covered(yaml, finding));
    }

    [Fact]
    public void Checkout_without_upload_is_medium_low_confidence()
    {
        var yaml = "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n      - run: pytest\n";
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal((Severity.Medium, Confidence.Low), (finding.Severity, finding.Confidence));
    }

    [Fact]
    public void Checkout_v6_is_one_step_lower()
    {
        var yaml = "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v6\n      - uses: actions/upload-artifact@v4\n        with:\n          path: ./\n";
        Assert.Equal(Severity.Medium, Assert.Single(Run.Workflow(yaml, Rule)).Severity);
    }

    [Fact]
    public void Persist_credentials_false_and_dist_uploads_are_clean()
    {
        var yaml = """
            on: push
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                    with:
                      persist-credentials: false
                  - run: python -m build
                  - uses: actions/upload-artifact@v4
                    with:
                      path: dist/
            """;
        Assert.Empty(Run.Workflow(yaml, Rule));
    }

    [Fact]
    public void Explicit_true_is_for_auditors_only()
    {
        var yaml = "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          persist-credentials: true\n";
        Assert.Empty(Run.Workflow(yaml, Rule));
        Assert.Single(Run.Workflow(yaml, Rule, Persona.Auditor));
    }

    [Fact]
    public void Zizmor_ignore_on_the_step_line_suppresses()
    {
        var yaml = "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4 # zizmor: ignore[artipacked] we push tags\n";
        Assert.Empty(Run.Workflow(yaml, Rule));
    }
}
