using Kingsnake.Core.Findings;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Audits;
using Kingsnake.Workflows.Knowledge;
using Kingsnake.Workflows.Tests.Support;

namespace Kingsnake.Workflows.Tests.Audits;

/// <summary>The unpinned-uses pin fix and the use-trusted-publishing fix: flawed text → fixed text → audited again.</summary>
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
    public void Token_publish_becomes_trusted_publishing_with_a_new_job_permissions_block()
    {
        var finding = Assert.Single(Run.Workflow(PublishWithToken, "use-trusted-publishing"));
        var fixedText = ApplyFixes(PublishWithToken, [finding]);

        // no permissions anywhere: the job gets contents: read and id-token: write, above the comment leading into steps
        var expected = """
            name: publish
            on:
              release:
                types: [published]
            jobs:
              pypi:
                runs-on: ubuntu-latest
                environment: pypi
                permissions:
                  contents: read
                  id-token: write
                # the artifacts come from the build workflow
                steps:
                  - uses: actions/download-artifact@fa0a91b85d4f404e444e00e005971372dc801d16 # v4.1.8
                  - name: Publish
                    uses: pypa/gh-action-pypi-publish@ec4db0b4ddc65acdf4bff5fa45ac92d78b56bdf0 # v1.9.0
                    with:
                      skip-existing: true  # re-runs are fine
            """;
        Assert.Equal(expected, fixedText);
        Assert.Empty(Run.Workflow(fixedText, "use-trusted-publishing"));
        Assert.Empty(Run.Workflow(fixedText, "excessive-permissions"));
        Assert.Contains("trusted publisher", finding.Fix!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Workflow_scopes_are_kept_when_the_job_gets_its_own_block()
    {
        var yaml = PublishWithToken.Replace("jobs:\n", "permissions:\n  contents: read\n  actions: read\njobs:\n", StringComparison.Ordinal)
            .Replace("          user: __token__\n", "", StringComparison.Ordinal)
            .Replace("\n          skip-existing: true  # re-runs are fine", "\n", StringComparison.Ordinal);
        var fixedText = ApplyFixes(yaml, Run.Workflow(yaml, "use-trusted-publishing"));

        // a job block replaces the workflow's, so it repeats its scopes; with only the password in it, with: goes too
        Assert.Contains("    environment: pypi\n    permissions:\n      contents: read\n      actions: read\n      id-token: write\n    # the artifacts", fixedText, StringComparison.Ordinal);
        Assert.EndsWith("        uses: pypa/gh-action-pypi-publish@ec4db0b4ddc65acdf4bff5fa45ac92d78b56bdf0 # v1.9.0\n", fixedText, StringComparison.Ordinal);
        Assert.Empty(Run.Workflow(fixedText, "use-trusted-publishing"));
    }

    [Fact]
    public void Existing_job_block_gains_the_scope_or_has_it_raised()
    {
        var withBlock = PublishWithToken.Replace("    environment: pypi\n", "    environment: pypi\n    permissions:\n      contents: read\n", StringComparison.Ordinal);
        var fixedBlock = ApplyFixes(withBlock, Run.Workflow(withBlock, "use-trusted-publishing"));
        Assert.Contains("    permissions:\n      contents: read\n      id-token: write\n    # the artifacts", fixedBlock, StringComparison.Ordinal);
        Assert.Empty(Run.Workflow(fixedBlock, "use-trusted-publishing"));

        var readToken = PublishWithToken.Replace("    environment: pypi\n", "    environment: pypi\n    permissions:\n      id-token: read # was: none\n", StringComparison.Ordinal);
        var fixedRead = ApplyFixes(readToken, Run.Workflow(readToken, "use-trusted-publishing"));
        Assert.Contains("    permissions:\n      id-token: write # was: none\n", fixedRead, StringComparison.Ordinal);

        var empty = PublishWithToken.Replace("    environment: pypi\n", "    environment: pypi\n    permissions: {}\n", StringComparison.Ordinal);
        Assert.Contains("    permissions: { id-token: write }\n", ApplyFixes(empty, Run.Workflow(empty, "use-trusted-publishing")), StringComparison.Ordinal);

        var writeAll = PublishWithToken.Replace("    environment: pypi\n", "    environment: pypi\n    permissions: write-all\n", StringComparison.Ordinal);
        var fixedWriteAll = ApplyFixes(writeAll, Run.Workflow(writeAll, "use-trusted-publishing"));
        Assert.Contains("    permissions: write-all\n    # the artifacts", fixedWriteAll, StringComparison.Ordinal);
        Assert.Empty(Run.Workflow(fixedWriteAll, "use-trusted-publishing"));
    }

    [Fact]
    public void No_fix_where_the_change_is_a_judgement_call()
    {
        // read-all: which scopes the job needs is unknown; twine with TWINE_PASSWORD: depends on the twine version
        var readAll = PublishWithToken.Replace("    environment: pypi\n", "    environment: pypi\n    permissions: read-all\n", StringComparison.Ordinal);
        Assert.Null(Assert.Single(Run.Workflow(readAll, "use-trusted-publishing")).Fix);

        var twine = "on: release\njobs:\n  p:\n    runs-on: x\n    steps:\n      - run: twine upload dist/*\n        env:\n          TWINE_PASSWORD: ${{ secrets.PYPI }}\n";
        Assert.Null(Assert.Single(Run.Workflow(twine, "use-trusted-publishing")).Fix);

        var composite = "name: a\nruns:\n  using: composite\n  steps:\n    - uses: pypa/gh-action-pypi-publish@release/v1\n      with:\n        password: ${{ inputs.token }}\n";
        Assert.Null(Assert.Single(Run.Action(composite, "use-trusted-publishing")).Fix);
    }
}
