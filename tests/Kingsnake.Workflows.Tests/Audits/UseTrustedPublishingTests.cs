using Kingsnake.Core.Findings;
using Kingsnake.Workflows.Tests.Support;

namespace Kingsnake.Workflows.Tests.Audits;

public sealed class UseTrustedPublishingTests
{
    private const string Rule = "use-trusted-publishing";

    /// <summary>A release job as projects write it: the upload line is the last line of a multi-line run:.</summary>
    private static string PublishJob(string command, string env = "", string permissions = "contents: read") => $$$"""
        on:
          push:
            tags: ["v*"]
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions:
              {{{permissions}}}
            steps:
              - uses: actions/download-artifact@v4
              - name: Upload
                run: |
                  ls dist/
                  {{{command}}}
        {{{env}}}
        """;

    [Fact]
    public void Pypa_action_with_a_password_is_reported()
    {
        var yaml = """
            on:
              release:
                types: [published]
            jobs:
              publish:
                runs-on: ubuntu-latest
                steps:
                  - uses: pypa/gh-action-pypi-publish@release/v1
                    with:
                      password: ${{ secrets.PYPI_API_TOKEN }}
                      repository-url: https://test.pypi.org/legacy/
            """;
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal((Severity.Info, Confidence.High), (finding.Severity, finding.Confidence));
        Assert.Equal("password: ${{ secrets.PYPI_API_TOKEN }}", Run.Covered(yaml, finding));
        Assert.Contains("TestPyPI", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("twine upload dist/*")]
    [InlineData("python -m twine upload --skip-existing dist/*")]
    [InlineData("python3 -m twine upload dist/*")]
    [InlineData("uv run twine upload dist/*")]
    [InlineData("uvx twine upload dist/*")]
    [InlineData("uv tool run --from twine==6.1.0 twine upload dist/*")]
    [InlineData("pipx run twine upload dist/*")]
    [InlineData("uv publish")]
    [InlineData("pdm publish --no-build")]
    [InlineData("maturin upload --skip-existing dist/*")]
    [InlineData("npm publish --access public")]
    public void Tools_that_do_trusted_publishing_themselves_are_reported_when_handed_a_secret(string command)
    {
        var env = """
                    env:
                      TWINE_USERNAME: __token__
                      TWINE_PASSWORD: ${{ secrets.PYPI_TOKEN }}
                      UV_PUBLISH_TOKEN: ${{ secrets.PYPI_TOKEN }}
                      PDM_PUBLISH_PASSWORD: ${{ secrets.PYPI_TOKEN }}
                      MATURIN_PYPI_TOKEN: ${{ secrets.PYPI_TOKEN }}
                      NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}
            """;
        var yaml = PublishJob(command, env, "id-token: write");
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal((Severity.Info, Confidence.High), (finding.Severity, finding.Confidence));
        Assert.Equal(command, Run.Covered(yaml, finding)); // the whole command, on the line that uploads
        Assert.Contains("stored credential", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("poetry publish --build", "PyPI")]
    [InlineData("poetry --no-interaction publish", "PyPI")]
    [InlineData("hatch publish", "PyPI")]
    [InlineData("flit publish", "PyPI")]
    [InlineData("cargo publish --locked", "crates.io")]
    [InlineData("cargo +stable publish -p mycrate", "crates.io")]
    [InlineData("gem push pkg/*.gem", "RubyGems")]
    [InlineData("dotnet nuget push out/*.nupkg --source https://api.nuget.org/v3/index.json", "NuGet")]
    [InlineData("nuget push out/*.nupkg", "NuGet")]
    [InlineData("bun publish", "npm")]
    [InlineData("pnpm publish --no-git-checks", "npm")]
    [InlineData("yarn npm publish", "npm")]
    public void Tools_that_need_a_token_are_reported(string command, string registry)
    {
        var yaml = PublishJob(command);
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal(command, Run.Covered(yaml, finding));
        Assert.Contains(registry, finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("twine upload -u __token__ -p ${{ secrets.PYPI }} dist/*")]
    [InlineData("uv publish --token $PYPI_TOKEN")]
    [InlineData("dotnet nuget push out/*.nupkg --api-key ${{ secrets.NUGET_KEY }} --source https://api.nuget.org/v3/index.json")]
    public void Credential_on_the_command_line_is_reported_even_with_an_oidc_grant(string command)
    {
        var finding = Assert.Single(Run.Workflow(PublishJob(command, permissions: "id-token: write"), Rule));
        Assert.Equal(Confidence.High, finding.Confidence);
    }

    [Fact]
    public void Native_tool_without_a_credential_or_an_oidc_grant_uploads_with_a_hidden_one()
    {
        // no id-token: write, so twine cannot be using Trusted Publishing: the token is in a .pypirc or similar
        var finding = Assert.Single(Run.Workflow(PublishJob("twine upload dist/*"), Rule));
        Assert.Equal(Confidence.Medium, finding.Confidence);
        Assert.Contains("without id-token: write", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("twine upload dist/*")] // twine 6.1+ asks for the OIDC token itself
    [InlineData("uv publish")]
    [InlineData("uv publish --trusted-publishing always")]
    [InlineData("pdm publish")]
    [InlineData("maturin upload dist/*")]
    [InlineData("npm publish --provenance --access public")]
    public void Trusted_publishing_already_is_clean(string command) =>
        Assert.Empty(Run.Workflow(PublishJob(command, permissions: "id-token: write"), Rule));

    [Theory]
    [InlineData("twine upload --repository-url https://upload.example.com/ -p ${{ secrets.PRIVATE }} dist/*")]
    [InlineData("twine upload -r internal dist/*")]
    [InlineData("uv publish --publish-url https://pkgs.dev.azure.com/org/_packaging/feed/pypi/upload/ --token ${{ secrets.AZ }}")]
    [InlineData("poetry publish -r artifactory")]
    [InlineData("npm publish --registry https://npm.pkg.github.com")]
    [InlineData("cargo publish --registry my-registry")]
    [InlineData("gem push --host https://rubygems.pkg.github.com/acme pkg/x.gem")]
    [InlineData("dotnet nuget push out/*.nupkg --source https://nuget.pkg.github.com/acme/index.json --api-key ${{ secrets.GITHUB_TOKEN }}")]
    [InlineData("cargo publish --dry-run")]
    [InlineData("npm publish --dry-run")]
    [InlineData("echo 'use twine upload later'  # twine upload")]
    [InlineData("twine check dist/*")]
    [InlineData("python scripts/twine.py upload")]
    public void Other_registries_dry_runs_and_lookalikes_are_clean(string command) =>
        Assert.Empty(Run.Workflow(PublishJob(command), Rule));

    [Fact]
    public void Npm_publish_to_github_packages_through_setup_node_is_clean()
    {
        var yaml = """
            on: release
            jobs:
              publish:
                runs-on: ubuntu-latest
                permissions:
                  packages: write
                steps:
                  - uses: actions/setup-node@v4
                    with:
                      registry-url: https://npm.pkg.github.com
                  - run: npm publish
                    env:
                      NODE_AUTH_TOKEN: ${{ secrets.GITHUB_TOKEN }}
            """;
        Assert.Empty(Run.Workflow(yaml, Rule));
    }

    [Fact]
    public void Tokens_minted_by_an_oidc_exchange_are_clean()
    {
        // crates.io and NuGet Trusted Publishing: an action trades the OIDC token for a short-lived key, passed on as a step output
        var yaml = """
            on:
              push:
                tags: ["v*"]
            jobs:
              crate:
                runs-on: ubuntu-latest
                permissions:
                  id-token: write
                steps:
                  - uses: rust-lang/crates-io-auth-action@v1
                    id: auth
                  - run: cargo publish
                    env:
                      CARGO_REGISTRY_TOKEN: ${{ steps.auth.outputs.token }}
              nuget:
                runs-on: windows-latest
                permissions:
                  id-token: write
                steps:
                  - uses: NuGet/login@v1
                    id: login
                    with:
                      user: acme
                  - run: dotnet nuget push out/*.nupkg --api-key ${{ steps.login.outputs.NUGET_API_KEY }} --source https://api.nuget.org/v3/index.json
              gem:
                runs-on: ubuntu-latest
                permissions:
                  id-token: write
                steps:
                  - uses: rubygems/configure-rubygems-credentials@v1
                  - run: gem push pkg/*.gem
            """;
        Assert.Empty(Run.Workflow(yaml, Rule));
    }

    [Theory]
    [InlineData("\"$NUGET_API_KEY\"")]
    [InlineData("${NUGET_API_KEY}")]
    [InlineData("$env:NUGET_API_KEY")]
    public void Minted_token_passed_through_env_is_clean(string reference)
    {
        // The minted key reaches the command as a shell variable, keeping ${{ }} out of the script (template injection).
        var yaml = $$$"""
            on:
              push:
                tags: ["v*"]
            jobs:
              nuget:
                runs-on: ubuntu-latest
                permissions:
                  id-token: write
                steps:
                  - id: login
                    run: echo "api-key=$(./exchange-oidc-token)" >>"$GITHUB_OUTPUT"
                  - run: dotnet nuget push out/*.nupkg --api-key {{{reference}}} --source https://api.nuget.org/v3/index.json
                    env:
                      NUGET_API_KEY: ${{ steps.login.outputs.api-key }}
            """;
        Assert.Empty(Run.Workflow(yaml, Rule));
    }

    [Fact]
    public void Stored_secret_passed_through_env_is_still_reported()
    {
        var yaml = """
            on:
              push:
                tags: ["v*"]
            jobs:
              nuget:
                runs-on: ubuntu-latest
                permissions:
                  id-token: write
                steps:
                  - run: dotnet nuget push out/*.nupkg --api-key "$KEY" --source https://api.nuget.org/v3/index.json
                    env:
                      KEY: ${{ secrets.NUGET_API_KEY }}
            """;
        Assert.Contains("stored credential", Assert.Single(Run.Workflow(yaml, Rule)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Minted_looking_token_without_an_oidc_grant_is_still_reported()
    {
        var yaml = """
            on: release
            jobs:
              crate:
                runs-on: ubuntu-latest
                steps:
                  - id: vault
                    uses: hashicorp/vault-action@v3
                  - run: cargo publish
                    env:
                      CARGO_REGISTRY_TOKEN: ${{ steps.vault.outputs.token }}
            """;
        Assert.Single(Run.Workflow(yaml, Rule));
    }

    [Fact]
    public void Token_configured_in_an_earlier_step_counts_as_handed_over()
    {
        var yaml = """
            on: release
            jobs:
              publish:
                runs-on: ubuntu-latest
                permissions:
                  id-token: write
                steps:
                  - run: poetry config pypi-token.pypi "${{ secrets.PYPI_TOKEN }}"
                  - run: uv publish
            """;
        var finding = Assert.Single(Run.Workflow(yaml, Rule));
        Assert.Equal(9, finding.Location.StartLine);
        Assert.Contains("configured in", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_upload_of_a_script_is_reported_and_powershell_is_read_too()
    {
        var yaml = """
            on: release
            jobs:
              publish:
                runs-on: windows-latest
                steps:
                  - shell: pwsh
                    run: |
                      cargo publish -p core; cargo publish -p cli
                      dotnet nuget push "out\pkg.nupkg" --api-key $env:NUGET_KEY `
                        --source https://api.nuget.org/v3/index.json
            """;
        var findings = Run.Workflow(yaml, Rule);
        Assert.Equal([8, 8, 9], findings.Select(f => f.Location.StartLine));
        Assert.Equal(10, findings[2].Location.EndLine); // the continuation line is part of the command
    }

    [Fact]
    public void Other_action_cases_from_the_reference()
    {
        var yaml = """
            on: release
            jobs:
              publish:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/setup-node@v4
                    with:
                      registry-url: https://registry.npmjs.org
                      always-auth: true
                  - uses: rubygems/release-gem@v1
                    with:
                      setup-trusted-publisher: false
                  - uses: PyO3/maturin-action@v1
                    with:
                      command: upload
                      args: --non-interactive --skip-existing wheels-*/*
                    env:
                      MATURIN_PYPI_TOKEN: ${{ secrets.PYPI_API_TOKEN }}
                  - uses: rubygems/release-gem@v1
                  - uses: actions/setup-node@v4
                    with:
                      registry-url: https://npm.pkg.github.com
                      always-auth: true
            """;
        Assert.Equal([9, 12, 18], Run.Workflow(yaml, Rule).Select(f => f.Location.StartLine));
    }

    [Fact]
    public void Composite_action_reports_stored_tokens_but_not_a_bare_native_upload()
    {
        // the calling job's id-token grant is unknown from the action, so a bare twine upload is not judged
        var yaml = """
            name: publish
            runs:
              using: composite
              steps:
                - shell: bash
                  run: twine upload dist/*
                - shell: bash
                  run: poetry publish -u __token__ -p "${{ inputs.token }}"
            """;
        var finding = Assert.Single(Run.Action(yaml, Rule));
        Assert.Equal(8, finding.Location.StartLine);
    }
}
