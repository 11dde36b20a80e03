using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Tests.Model;

public sealed class UsesReferenceTests
{
    [Theory]
    [InlineData("actions/checkout@v4", "actions", "checkout", "", "v4", UsesRefKind.VersionTag)]
    [InlineData("actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683", "actions", "checkout", "", "11bd71901bbe5b1630ceea73d27597364c9af683", UsesRefKind.CommitSha)]
    [InlineData("pypa/gh-action-pypi-publish@release/v1", "pypa", "gh-action-pypi-publish", "", "release/v1", UsesRefKind.Branch)]
    [InlineData("github/codeql-action/init@v3.26.6", "github", "codeql-action", "init", "v3.26.6", UsesRefKind.VersionTag)]
    [InlineData("octo/repo/.github/workflows/build.yml@main", "octo", "repo", ".github/workflows/build.yml", "main", UsesRefKind.Branch)]
    [InlineData("dtolnay/rust-toolchain@stable", "dtolnay", "rust-toolchain", "", "stable", UsesRefKind.Branch)]
    [InlineData("some/action@11bd719", "some", "action", "", "11bd719", UsesRefKind.ShortSha)]
    [InlineData("some/action@feature-x", "some", "action", "", "feature-x", UsesRefKind.Symbolic)]
    [InlineData("some/action@v2.0.0-beta.1", "some", "action", "", "v2.0.0-beta.1", UsesRefKind.VersionTag)]
    public void Repository_references_split_and_classify(string text, string owner, string repo, string path, string reference, UsesRefKind kind)
    {
        var uses = UsesReference.Parse(text);
        Assert.Equal(UsesKind.Repository, uses.Kind);
        Assert.Equal((owner, repo, path, reference, kind), (uses.Owner, uses.Repo, uses.Path, uses.Ref!, uses.RefKind));
        Assert.True(uses.IsWellFormed);
        Assert.Equal(reference, text[uses.RefOffset..]);
    }

    [Fact]
    public void Missing_ref_is_kept_but_not_well_formed()
    {
        var uses = UsesReference.Parse("actions/checkout");
        Assert.Equal(UsesRefKind.None, uses.RefKind);
        Assert.False(uses.IsWellFormed);
        Assert.True(uses.Is("actions/checkout"));
    }

    [Fact]
    public void Local_and_reusable_references()
    {
        Assert.Equal(UsesKind.Local, UsesReference.Parse("./.github/actions/setup").Kind);
        Assert.True(UsesReference.Parse("octo/repo/.github/workflows/release.yaml@v1").IsReusableWorkflow);
        Assert.False(UsesReference.Parse("actions/setup-python@v5").IsReusableWorkflow);
        Assert.True(UsesReference.Parse("Actions/Checkout@v4").Is("actions/checkout"));
    }

    [Theory]
    [InlineData("docker://alpine:3.20", "alpine", "3.20", null)]
    [InlineData("docker://alpine", "alpine", null, null)]
    [InlineData("docker://ghcr.io/owner/img:1.0@sha256:0123abcd", "ghcr.io/owner/img", "1.0", "sha256:0123abcd")]
    [InlineData("docker://localhost:5000/img", "localhost:5000/img", null, null)]
    public void Docker_references(string text, string image, string? tag, string? digest)
    {
        var uses = UsesReference.Parse(text);
        Assert.Equal(UsesKind.Docker, uses.Kind);
        Assert.Equal((image, tag, digest), (uses.Image, uses.Tag, uses.Digest));
    }

    [Theory]
    [InlineData("actions/checkout/./@v4", "actions/checkout")]
    [InlineData("actions/checkout//@v4", "actions/checkout")]
    [InlineData("github/codeql-action/x/../init@v3", "github/codeql-action/init")]
    [InlineData("github/codeql-action/../../init@v3", "github/codeql-action/../../init")] // cannot leave the repository: kept, so no known action matches
    public void Dot_segments_do_not_hide_the_action_from_other_audits(string text, string actionName) =>
        Assert.Equal(actionName, UsesReference.Parse(text).ActionName);
}
