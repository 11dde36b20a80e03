using Kingsnake.Posture.Checks.Scorecard;
using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Tests.Scorecard;

public sealed class PinnedDependenciesCheckTests
{
    private const string Sha = "11bd71901bbe5b1630ceea73d27597364c9af683";
    private const string Digest = "sha256:4a8e0824201e50fc44ee8d208a2b3e44f33e00448907e524066fca5a96eb5567";

    private static readonly PinnedDependenciesCheck Check = new();

    private static List<PinnedDependency> ScanScript(string script)
    {
        var found = new List<PinnedDependency>();
        ScorecardShellScan.Scan(script, "script.sh", offset => 1 + script[..offset].Count(c => c == '\n'), found);
        return found;
    }

    [Theory]
    [InlineData("pip install --require-hashes -r requirements.txt", true)]
    [InlineData("pip install -r requirements/ci.txt --require-hashes", true)]
    [InlineData("pip install -r requirements.txt", false)] // the file's own --hash lines are not read
    [InlineData("pip install .", false)]
    [InlineData("python -m pip install dist/*.whl", true)]
    [InlineData("python3 -m pip install --no-deps dist/sampleproject-4.0.0-py3-none-any.whl", true)]
    [InlineData("pip install dist/sampleproject-4.0.0-py3-none-any.whl pytest", false)]
    [InlineData("pip install --no-deps -e .", true)]
    [InlineData("pip install -e .[test]", false)] // editable without --no-deps
    [InlineData("pip install --no-deps -e git+https://github.com/pypa/sampleproject@" + Sha + "#egg=sampleproject", true)]
    [InlineData("pip install --no-deps -e git+https://github.com/pypa/sampleproject@main#egg=sampleproject", false)]
    [InlineData("pip3 install --upgrade pip", false)]
    [InlineData("sudo python3 -m pip install -U build twine", false)]
    [InlineData("/usr/bin/pip install nox==2024.10.9", false)] // a version pin is not a hash
    public void Pip_install_is_pinned_only_as_Scorecard_allows(string command, bool pinned)
    {
        var dependency = Assert.Single(ScanScript(command));
        Assert.Equal(PinnedDependencyType.PipCommand, dependency.Type);
        Assert.Equal(pinned, dependency.Pinned);
    }

    [Theory]
    [InlineData("uv pip install -r requirements.txt")]
    [InlineData("poetry install --with dev")]
    [InlineData("pipx install nox")]
    [InlineData("uv sync --locked")]
    [InlineData("python -m build")]
    [InlineData("pip download sampleproject")]
    public void Other_installers_are_not_seen(string command) => Assert.Empty(ScanScript(command));

    [Theory]
    [InlineData("curl -sSL https://install.python-poetry.org | python3 -")]
    [InlineData("curl -fsSL https://get.docker.com | sudo sh")]
    [InlineData("bash <(curl -s https://codecov.io/bash)")]
    [InlineData("wget -O get-pip.py https://bootstrap.pypa.io/get-pip.py\npython get-pip.py")]
    [InlineData("curl -LsSf https://astral.sh/uv/install.sh -o install-uv.sh && sh ./install-uv.sh")]
    [InlineData("wget https://example.org/tool/install.sh\nchmod +x install.sh\n./install.sh")]
    [InlineData("sh -c \"curl -sSL https://install.python-poetry.org | python3 -\"")]
    public void Downloads_run_as_code_are_never_pinned(string script)
    {
        var dependency = Assert.Single(ScanScript(script), d => d.Type == PinnedDependencyType.DownloadThenRun);
        Assert.False(dependency.Pinned);
    }

    [Fact]
    public void Downloads_that_are_not_run_are_not_dependencies() =>
        Assert.Empty(ScanScript("curl -sSfL -o coverage.json https://example.org/coverage.json\ncat coverage.json"));

    [Theory]
    [InlineData("npm ci", true)]
    [InlineData("npm install -g markdownlint-cli", false)]
    [InlineData("go install golang.org/x/tools/cmd/goimports@latest", false)]
    [InlineData("go install golang.org/x/tools/cmd/goimports@v0.28.0", true)]
    [InlineData("go install ./...", true)]
    public void Npm_and_go_commands(string command, bool pinned) => Assert.Equal(pinned, Assert.Single(ScanScript(command)).Pinned);

    [Fact]
    public void GitHub_owned_and_third_party_actions_are_weighted_2_and_8()
    {
        using var tree = new TempTree();
        tree.Write(".github/workflows/ci.yml", $"""
            name: CI
            on: [push, pull_request]
            permissions:
              contents: read
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@{Sha} # v4.2.2
                  - uses: actions/setup-python@{Sha} # v5
                    with:
                      python-version: "3.13"
                  - uses: astral-sh/setup-uv@v5
                  - run: |
                      python -m pip install --require-hashes -r requirements/ci.txt
                      pip install --no-deps -e .
                      pip install tox
                  - run: tox -e py313
            """);
        var result = tree.Run(Check);

        // actions: GitHub-owned 2/2 (weight 2), third-party 0/1 (weight 8); pip 2/3 (weight 10):
        // floor(10 · (2·2 + 0·8 + 2·10) / (2·2 + 1·8 + 3·10)) = floor(240 / 42) = floor(5.71) = 5
        // (a mean of the group ratios would give (1 + 0 + 0.67) / 3 · 10 = 5.6; all actions as one group 6.6)
        Assert.Equal(5, result.Score);
        Assert.Equal("4 of 6 dependencies pinned by hash; GitHub-owned actions 2/2 (weight 2), third-party actions 0/1 (weight 8), pip 2/3; weighted 24/42", result.Reason);
        var unpinned = result.Evidence.Where(e => e.Negative).ToList();
        Assert.Equal([13, 17], unpinned.Select(e => e.Line));
        Assert.All(result.Evidence, e => Assert.Equal(".github/workflows/ci.yml", e.Path));
        Assert.Equal([9, 10, 13, 15, 16, 17], result.Evidence.Select(e => e.Line));
        Assert.StartsWith("pin astral-sh/setup-uv@v5 in .github/workflows/ci.yml:13 to its commit SHA", result.NextStep, StringComparison.Ordinal);
    }

    [Fact]
    public void Actions_of_one_kind_form_one_group_of_weight_10_and_local_and_digest_actions_are_pinned()
    {
        using var tree = new TempTree();
        tree.Write(".github/workflows/docs.yml", $"""
            on: push
            jobs:
              docs:
                runs-on: ubuntu-latest
                steps:
                  - uses: ./.github/actions/setup
                  - uses: docker://ghcr.io/astral-sh/uv@{Digest}
                  - uses: docker://python:3.13-slim
                  - uses: pre-commit/action@v3.0.1
            """);
        var result = tree.Run(Check);

        // four third-party actions (a docker:// image is not GitHub-owned), 2 pinned: floor(10 · 2·10 / 4·10) = 5
        Assert.Equal(5, result.Score);
        Assert.Contains("actions (all third-party) 2/4", result.Reason, StringComparison.Ordinal);
        Assert.StartsWith("pin docker://python:3.13-slim in .github/workflows/docs.yml:8 by digest (`uses: docker://python:3.13-slim@sha256:<digest>`)", result.NextStep, StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerfiles_images_and_run_commands()
    {
        using var tree = new TempTree();
        tree.Write("Dockerfile", $"""
            # syntax=docker/dockerfile:1
            ARG BASE=python:3.13-slim
            FROM python:3.13-slim@{Digest} AS build
            RUN pip install --no-cache-dir build \
                && python -m build --wheel
            FROM build AS test
            FROM ${"$"}{"{"}BASE{"}"}
            FROM scratch
            COPY --from=build /dist /dist
            FROM python:3.13-slim
            RUN pip install --no-deps /dist/*.whl
            """);
        tree.Write("docker/dev.dockerfile", "FROM node:22\nRUN npm install -g pyright\n");
        var result = tree.Run(Check);

        // images: build (digest), test stage of a pinned stage, ${BASE}, python:3.13-slim, node:22 → 3/5
        // pip: `pip install … build` unpinned, `pip install --no-deps /dist/*.whl` pinned → 1/2; npm 0/1
        // floor(10 · (3 + 1 + 0)·10 / (5 + 2 + 1)·10) = floor(400 / 80) = 5
        Assert.Equal(5, result.Score);
        Assert.Contains("container images 3/5", result.Reason, StringComparison.Ordinal);
        Assert.Contains("pip 1/2", result.Reason, StringComparison.Ordinal);
        Assert.Contains("npm 0/1", result.Reason, StringComparison.Ordinal);
        var python = Assert.Single(result.Evidence, e => e.Description.EndsWith(": python:3.13-slim", StringComparison.Ordinal));
        Assert.Equal(("Dockerfile", 10, true), (python.Path, python.Line, python.Negative));
        Assert.Contains(result.Evidence, e => e is { Path: "Dockerfile", Line: 4, Negative: true });
        Assert.Contains(result.Evidence, e => e is { Path: "docker/dev.dockerfile", Line: 1, Negative: true });
    }

    [Fact]
    public void Shell_scripts_by_extension_or_shebang_and_not_other_files()
    {
        using var tree = new TempTree();
        tree.Write("scripts/bootstrap.sh", "set -eu\npip install -r requirements-dev.txt\n");
        tree.Write("tools/release", "#!/usr/bin/env bash\nset -euo pipefail\npython3 -m pip install --require-hashes -r requirements/release.txt\n");
        tree.Write("tools/setup.py", "#!/usr/bin/env python\n# pip install requests\nimport os\n");
        tree.Write("docs/install.md", "Run `pip install sampleproject`.\n\n```\npip install sampleproject\n```\n");
        var result = tree.Run(Check);
        Assert.Equal(5, result.Score); // pip 1/2
        Assert.Equal(["scripts/bootstrap.sh:2", "tools/release:3"], result.Evidence.Select(e => $"{e.Path}:{e.Line}"));
    }

    [Fact]
    public void Windows_steps_are_skipped_unless_their_shell_is_bash()
    {
        using var tree = new TempTree();
        tree.Write(".github/workflows/win.yml", """
            on: push
            jobs:
              windows:
                strategy:
                  matrix:
                    os: [windows-2022, windows-latest]
                runs-on: ${{ matrix.os }}
                steps:
                  - run: pip install pywin32
                  - run: pip install --require-hashes -r requirements.txt
                    shell: bash
              linux:
                runs-on: [self-hosted, linux]
                steps:
                  - run: pip install wheel
            """);
        var result = tree.Run(Check);
        Assert.Equal(["pip pinned: pip install --require-hashes -r requirements.txt", "pip not pinned: pip install wheel"], result.Evidence.Select(e => e.Description));
        Assert.Equal(5, result.Score);
    }

    [Fact]
    public void Nothing_to_pin_is_not_applicable()
    {
        using var tree = new TempTree();
        tree.Write(".github/workflows/hello.yml", "on: push\njobs:\n  hello:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hello\n");
        tree.Write("README.md", "# sample\n");
        var result = tree.Run(Check);
        Assert.Equal(CheckStatus.NotApplicable, result.Status);
        Assert.Contains("no dependencies", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void All_pinned_scores_10_without_next_step()
    {
        using var tree = new TempTree();
        tree.Write(".github/workflows/ci.yml", $"on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@{Sha}\n      - run: npm ci\n");
        var result = tree.Run(Check);
        Assert.Equal(10, result.Score);
        Assert.Null(result.NextStep);
    }
}
