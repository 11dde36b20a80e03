using Kingsnake.Posture.Checks.Scorecard;
using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Tests.Scorecard;

public sealed class PackagingCheckTests
{
    private static readonly PackagingCheck Check = new();

    [Fact]
    public void PyPA_publish_action_scores_10()
    {
        using var tree = new TempTree();
        tree.Write(".github/workflows/release.yml", """
            name: release
            on:
              release:
                types: [published]
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - run: pipx run build
                  - uses: actions/upload-artifact@v4
                    with:
                      name: dist
                      path: dist/
              publish:
                needs: build
                runs-on: ubuntu-latest
                environment: pypi
                permissions:
                  id-token: write
                steps:
                  - uses: actions/download-artifact@v4
                    with:
                      name: dist
                      path: dist/
                  - uses: pypa/gh-action-pypi-publish@release/v1
            """);
        var result = tree.Run(Check);
        Assert.Equal(10, result.Score);
        var evidence = Assert.Single(result.Evidence);
        Assert.Equal((".github/workflows/release.yml", 26), (evidence.Path, evidence.Line));
        Assert.Contains("publish", evidence.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void GitLab_twine_upload_scores_10()
    {
        using var tree = new TempTree();
        tree.Write(".gitlab-ci.yml", "stages: [build, deploy]\n\ndeploy:\n  stage: deploy\n  script:\n    - pip install build twine\n    - python -m build\n    - twine upload dist/*\n  only:\n    - tags\n");
        var result = tree.Run(Check);
        Assert.Equal(10, result.Score);
        Assert.Equal((".gitlab-ci.yml", 8), (result.Evidence[0].Path, result.Evidence[0].Line));
    }

    [Fact]
    public void Other_publishing_is_not_applicable_never_0()
    {
        using var tree = new TempTree();
        tree.Write(".github/workflows/release.yml", "on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: astral-sh/setup-uv@v5\n      - run: uv build && uv publish\n");
        var result = tree.Run(Check);
        Assert.Equal(CheckStatus.NotApplicable, result.Status);
        Assert.Equal(-1, result.Score);
        Assert.Contains("Scorecard gives −1, not 0", result.Reason, StringComparison.Ordinal);
    }
}
