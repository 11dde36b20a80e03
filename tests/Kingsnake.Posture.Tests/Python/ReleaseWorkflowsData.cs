namespace Kingsnake.Posture.Tests.Python;

/// <summary>
/// Release workflows shaped like those of well-known Python projects: the PyPA guide's build-then-publish with
/// Trusted Publishing, a token upload with twine, and uv's build and publish.
/// </summary>
internal static class ReleaseWorkflowsData
{
    /// <summary>The Python Packaging User Guide's pattern: build in one job, publish from an environment with OIDC; the action pinned by SHA with its version comment.</summary>
    public const string TrustedPublishing = """
        name: Publish to PyPI
        on:
          release:
            types: [published]
        permissions:
          contents: read
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
                with:
                  persist-credentials: false
              - uses: actions/setup-python@0b93645e9fea7318ecaed2b359559ac225c90a2b # v5.3.0
                with:
                  python-version: "3.x"
              - name: Install pypa/build
                run: python3 -m pip install build --user
              - name: Build a binary wheel and a source tarball
                run: python3 -m build
              - uses: actions/upload-artifact@b4b15b8c7c6ac21ea08fcf65892d2ee8f75cf882 # v4.4.3
                with:
                  name: python-package-distributions
                  path: dist/
          publish-to-pypi:
            needs: [build]
            runs-on: ubuntu-latest
            environment:
              name: pypi
              url: https://pypi.org/p/example
            permissions:
              id-token: write
            steps:
              - uses: actions/download-artifact@fa0a91b85d4f404e444e00e005971372dc801d16 # v4.1.8
                with:
                  name: python-package-distributions
                  path: dist/
              - name: Publish distribution to PyPI
                uses: pypa/gh-action-pypi-publish@76f52bc884231f62b9a034ebfe128415bbaabdfc # v1.12.4
        """;

    /// <summary>An older pattern still common: one job, twine with an API token from the secrets.</summary>
    public const string TwineToken = """
        name: Upload Python Package
        on:
          release:
            types: [created]
        jobs:
          deploy:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - uses: actions/setup-python@v5
                with:
                  python-version: '3.x'
              - name: Install dependencies
                run: |
                  python -m pip install --upgrade pip
                  pip install setuptools wheel twine
              - name: Build and publish
                env:
                  TWINE_USERNAME: __token__
                  TWINE_PASSWORD: ${{ secrets.PYPI_API_TOKEN }}
                run: |
                  python setup.py sdist bdist_wheel
                  twine upload dist/*
        """;

    /// <summary>uv builds and publishes in one job with OIDC, tools installed from a hashed lock.</summary>
    public const string UvLocked = """
        name: release
        on:
          push:
            tags: ["v*"]
        permissions: {}
        jobs:
          pypi:
            runs-on: ubuntu-latest
            environment: release
            permissions:
              id-token: write
            steps:
              - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
                with:
                  persist-credentials: false
              - run: pip install --require-hashes -r .github/release-requirements.txt
              - run: python -m build --no-isolation
              - run: uv publish
        """;
}
