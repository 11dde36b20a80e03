using Kingsnake.Posture.Checks.Python;
using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Tests.Python;

public sealed class PublishingChecksTests
{
    [Fact]
    public void Trusted_publishing_from_an_environment_scores_10_and_attests()
    {
        using var project = new PythonProject().With(".github/workflows/publish.yml", ReleaseWorkflowsData.TrustedPublishing);
        var trusted = project.Run(new TrustedPublishingCheck());
        Assert.Equal((CheckStatus.Scored, 10), (trusted.Status, trusted.Score));
        Assert.Null(trusted.NextStep);
        var site = Assert.Single(trusted.Evidence);
        Assert.Equal((".github/workflows/publish.yml", 38), (site.Path, site.Line));

        var attestations = project.Run(new AttestationsCheck());
        Assert.Equal(10, attestations.Score);
        Assert.Contains("v1.12.4", attestations.Evidence[0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_upload_scores_0_on_both_with_the_line_and_a_next_step()
    {
        using var project = new PythonProject().With(".github/workflows/release.yml", ReleaseWorkflowsData.TwineToken);
        var trusted = project.Run(new TrustedPublishingCheck());
        Assert.Equal(0, trusted.Score);
        Assert.Contains("TWINE_PASSWORD", trusted.Evidence[0].Description, StringComparison.Ordinal);
        Assert.Equal(17, trusted.Evidence[0].Line);
        Assert.Contains("Trusted Publishing", trusted.NextStep, StringComparison.Ordinal);
        Assert.Equal(0, project.Run(new AttestationsCheck()).Score);
    }

    [Fact]
    public void Without_an_environment_trusted_publishing_loses_two_points()
    {
        var workflow = ReleaseWorkflowsData.TrustedPublishing.Replace("    environment:\n      name: pypi\n      url: https://pypi.org/p/example\n", "", StringComparison.Ordinal);
        Assert.NotEqual(ReleaseWorkflowsData.TrustedPublishing, workflow);
        using var project = new PythonProject().With(".github/workflows/publish.yml", workflow);
        var result = project.Run(new TrustedPublishingCheck());
        Assert.Equal(8, result.Score);
        Assert.Contains("environment: pypi", result.NextStep, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_id_token_write_the_action_cannot_use_oidc()
    {
        var workflow = ReleaseWorkflowsData.TrustedPublishing.Replace("    permissions:\n      id-token: write\n", "", StringComparison.Ordinal);
        using var project = new PythonProject().With(".github/workflows/publish.yml", workflow);
        var result = project.Run(new TrustedPublishingCheck());
        Assert.Equal(0, result.Score);
        Assert.Contains("id-token: write", result.NextStep, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pypa/gh-action-pypi-publish@v1.10.3", "", 0)]
    [InlineData("pypa/gh-action-pypi-publish@v1.10.3", "\n        with:\n          attestations: true", 10)]
    [InlineData("pypa/gh-action-pypi-publish@v1.11.0", "", 10)]
    [InlineData("pypa/gh-action-pypi-publish@release/v1", "", 10)]
    [InlineData("pypa/gh-action-pypi-publish@v1.12.4", "\n        with:\n          attestations: false", 0)]
    [InlineData("pypa/gh-action-pypi-publish@15c56dba361d8335944d31a2ecd17d700fc7bcbc # v1.8.14", "", 0)]
    public void Attestations_follow_the_action_version_and_setting(string uses, string with, int expected)
    {
        var workflow = $$"""
            on: push
            jobs:
              publish:
                runs-on: ubuntu-latest
                permissions:
                  id-token: write
                steps:
                  - uses: {{uses}}{{with}}
            """;
        using var project = new PythonProject().With(".github/workflows/publish.yml", workflow);
        Assert.Equal(expected, project.Run(new AttestationsCheck()).Score);
    }

    [Fact]
    public void Release_builds_with_fresh_tools_score_0_and_hashed_ones_10()
    {
        using var fresh = new PythonProject().With(".github/workflows/publish.yml", ReleaseWorkflowsData.TrustedPublishing);
        var unhashed = fresh.Run(new HashedReleaseBuildCheck());
        Assert.Equal(0, unhashed.Score);
        Assert.Equal(["job 'build': `pip install build --user` — installs without hashes", "job 'build': `build` — an isolated build resolves [build-system] requires afresh"],
            unhashed.Evidence.Select(e => e.Description));
        Assert.Equal([18, 20], unhashed.Evidence.Select(e => e.Line));

        using var locked = new PythonProject()
            .With(".github/workflows/release.yml", ReleaseWorkflowsData.UvLocked)
            .With(".github/release-requirements.txt", "build==1.2.2.post1 \\\n    --hash=sha256:1d61c0887fa860c01971625baae8bdd338e517b836a2f70dd1f7aa3a6b2fc5b5\n");
        var hashed = locked.Run(new HashedReleaseBuildCheck());
        Assert.Equal((10, 2), (hashed.Score, hashed.Evidence.Count));
        Assert.Equal(10, locked.Run(new TrustedPublishingCheck()).Score);
        Assert.Equal(0, locked.Run(new AttestationsCheck()).Score); // uv publish uploads no attestations
    }

    [Fact]
    public void A_requirements_file_without_hashes_does_not_count_as_locked()
    {
        using var project = new PythonProject()
            .With(".github/workflows/release.yml", ReleaseWorkflowsData.UvLocked.Replace("--require-hashes ", "", StringComparison.Ordinal))
            .With(".github/release-requirements.txt", "build==1.2.2.post1\n");
        var result = project.Run(new HashedReleaseBuildCheck());
        Assert.Equal(5, result.Score); // the install is unhashed; the build without isolation resolves nothing of its own
    }

    [Fact]
    public void No_upload_step_makes_the_publishing_checks_not_applicable()
    {
        using var project = new PythonProject().With(".github/workflows/ci.yml", "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pip install tox && tox\n");
        foreach (var check in new IPostureCheck[] { new TrustedPublishingCheck(), new AttestationsCheck(), new HashedReleaseBuildCheck() })
        {
            Assert.Equal(CheckStatus.NotApplicable, project.Run(check).Status);
        }
    }
}
