using Kingsnake.Core.Findings;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Audits;
using Kingsnake.Workflows.Knowledge;
using Kingsnake.Workflows.Tests.Support;

namespace Kingsnake.Workflows.Tests.Audits;

/// <summary>The unpinned-uses pin fix (flawed text → fixed text → audited again), and the token publish that gets no fix.</summary>
public sealed class PinAndPublishFixesTests
{
    private static string ApplyFixes(string yaml, IEnumerable<Finding> findings) => Edits.Apply(yaml, findings.Where(f => f.Fix is not null).SelectMany(f => f.Fix!.Edits));

    [Fact]
    public void Known_tags_are_pinned_with_the_release_in_a_comment_and_the_rest_is_left_alone()
    {
        var yaml = """
            on: push
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4.1.7
                  - uses: "actions/setup-python@v5.1.0"
                  - uses: codecov/codecov-action@v4
                  - uses: actions/upload-artifact@v4.4.0  # coverage report
                  - {uses: actions/download-artifact@v4.1.8, with: {name: dist}}
                  - uses: github/codeql-action/init@v3.26.12
                  - uses: example-org/unknown-action@v1
                  - uses: actions/checkout@main
            """;
        var findings = Run.Workflow(yaml, "unpinned-uses", policy: UnpinnedPolicy.HashPinAll);
        Assert.Equal(8, findings.Count);

        var fixedText = ApplyFixes(yaml, findings);

        // the SHAs are those of Knowledge/Data/action-pins.txt, read from real workflows (see its SOURCE note);
        // @v4 resolves to the newest v4 release listed and the comment says which; a flow mapping would swallow
        // a comment, an unknown action has no known commit, and a branch is no release
        var expected = """
            on: push
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@692973e3d937129bcbf40652eb9f2f61becf3332 # v4.1.7
                  - uses: "actions/setup-python@82c7e631bb3cdc910f68e0081d67478d79c6982d" # v5.1.0
                  - uses: codecov/codecov-action@e28ff129e5465c2c0dcc6f003fc735cb6ae0c673 # v4.5.0
                  - uses: actions/upload-artifact@50769540e7f4bd5e21e526ee35c689e35e0d6874 # v4.4.0  # coverage report
                  - {uses: actions/download-artifact@v4.1.8, with: {name: dist}}
                  - uses: github/codeql-action/init@c36620d31ac7c881962c3d9dd939c40ec9434f2b # v3.26.12
                  - uses: example-org/unknown-action@v1
                  - uses: actions/checkout@main
            """;
        Assert.Equal(expected, fixedText);
        var left = Run.Workflow(fixedText, "unpinned-uses", policy: UnpinnedPolicy.HashPinAll);
        Assert.Equal(["actions/download-artifact", "example-org/unknown-action", "actions/checkout"], left.Select(f => f.Message.Split(' ')[0]));
        Assert.All(left, f => Assert.Null(f.Fix));

        var codecov = Assert.Single(findings, f => f.Message.StartsWith("codecov/", StringComparison.Ordinal));
        Assert.Contains("v4.5.0, the newest v4 release known; from the built-in list of known releases", codecov.Fix!.Description, StringComparison.Ordinal);
        Assert.Contains("according to the built-in list of known releases", codecov.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_pins_there_is_no_fix()
    {
        var yaml = "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: codecov/codecov-action@v4.5.0\n";
        var result = new WorkflowAuditor(new WorkflowAuditOptions { ActionPins = ActionPins.None }).AuditText(".github/workflows/ci.yml", yaml, WorkflowFileKind.Workflow);
        var finding = Assert.Single(result.Findings, f => f.Rule.Name == "unpinned-uses");
        Assert.Null(finding.Fix);
        Assert.EndsWith("; pin a full commit SHA", finding.Message, StringComparison.Ordinal);
    }

    private const string PublishWithToken = """
        name: publish
        on:
          release:
            types: [published]
        jobs:
          pypi:
            runs-on: ubuntu-latest
            environment: pypi
            # the artifacts come from the build workflow
            steps:
              - uses: actions/download-artifact@fa0a91b85d4f404e444e00e005971372dc801d16 # v4.1.8
              - name: Publish
                uses: pypa/gh-action-pypi-publish@ec4db0b4ddc65acdf4bff5fa45ac92d78b56bdf0 # v1.9.0
                with:
                  user: __token__
                  password: ${{ secrets.PYPI_API_TOKEN }}
                  skip-existing: true  # re-runs are fine
        """;

    [Fact]
    public void Token_publish_is_reported_without_an_automatic_edit()
    {
        // dropping the token breaks the upload until the PyPI project lists this workflow as a trusted publisher,
        // which only its owner can do: the finding says what to do, the file is left alone
        var finding = Assert.Single(Run.Workflow(PublishWithToken, "use-trusted-publishing"));
        Assert.Null(finding.Fix);
        Assert.Contains("register the workflow as a trusted publisher", finding.Message, StringComparison.Ordinal);
        Assert.Equal("password: ${{ secrets.PYPI_API_TOKEN }}", Run.Covered(PublishWithToken, finding));
    }
}
