using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Core.Shell;
using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Knowledge;
using Kingsnake.Workflows.Model;
using Kingsnake.Workflows.Shell;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// use-trusted-publishing (zizmor.md §2): an upload to a registry that offers Trusted Publishing, made with a stored
/// credential. Reported on the step: <c>pypa/gh-action-pypi-publish</c> with <c>password:</c> to PyPI or TestPyPI;
/// <c>pyo3/maturin-action</c> uploading with a token in its environment; <c>rubygems/release-gem</c> with its trusted
/// publisher setup turned off; <c>setup-node</c> with <c>always-auth</c> to npmjs; and upload commands in <c>run:</c>
/// (split with <see cref="ShellScript"/>, the span is the command): twine, uv, poetry, hatch, pdm, flit and maturin for
/// PyPI, npm/pnpm/yarn/bun publish, cargo publish, gem push and (dotnet) nuget push.
/// Not reported, where zizmor would: uploads to another index or registry (Trusted Publishing exists only for the public
/// ones), dry runs (nothing is uploaded), a tool that mints its own OIDC token when it is handed no credential and the job
/// grants <c>id-token: write</c> (that is Trusted Publishing already), and a token that an earlier step of a job with
/// <c>id-token: write</c> minted (a step output, or the registries' own exchange actions).
/// No automatic fix: the upload fails until the registry lists this workflow as a trusted publisher, which only the
/// project's owner can do, so the change is left to a person.
/// </summary>
public sealed class UseTrustedPublishingAudit : WorkflowAudit
{
    /// <summary>Variables through which each registry's tools take a stored credential.</summary>
    private static readonly Dictionary<PackageRegistry, string[]> CredentialVariables = new()
    {
        [PackageRegistry.PyPI] =
        [
            "TWINE_PASSWORD", "UV_PUBLISH_TOKEN", "UV_PUBLISH_PASSWORD", "POETRY_PYPI_TOKEN_PYPI", "POETRY_PYPI_TOKEN_TESTPYPI", "POETRY_HTTP_BASIC_PYPI_PASSWORD",
            "PDM_PUBLISH_PASSWORD", "HATCH_INDEX_AUTH", "FLIT_PASSWORD", "MATURIN_PYPI_TOKEN", "MATURIN_PASSWORD",
        ],
        [PackageRegistry.Npm] = ["NODE_AUTH_TOKEN", "NPM_TOKEN", "NPM_AUTH_TOKEN", "NPM_CONFIG_TOKEN", "BUN_AUTH_TOKEN"],
        [PackageRegistry.CratesIo] = ["CARGO_REGISTRY_TOKEN"],
        [PackageRegistry.RubyGems] = ["GEM_HOST_API_KEY", "RUBYGEMS_API_KEY"],
        [PackageRegistry.NuGet] = ["NUGET_API_KEY", "NUGET_AUTH_TOKEN", "NUGET_TOKEN"],
    };

    /// <summary>Command-line options that hand the tool a credential.</summary>
    private static readonly string[] CredentialOptions = ["--token", "-t", "--password", "-p", "-P", "--auth", "-a", "--api-key", "-k", "--key"];

    /// <summary>Text of a script that stores a registry credential for later commands (with a secret on the same script).</summary>
    private static readonly string[] ConfigWrites = ["pypi-token", ".pypirc", "_authToken", ".npmrc", ".gem/credentials", "cargo login", "setapikey", "setApiKey"];

    /// <summary>Actions that exchange the workflow's OIDC token for a short-lived registry token (the registries' Trusted Publishing setups).</summary>
    private static readonly Dictionary<PackageRegistry, string> ExchangeActions = new()
    {
        [PackageRegistry.CratesIo] = "rust-lang/crates-io-auth-action",
        [PackageRegistry.RubyGems] = "rubygems/configure-rubygems-credentials",
        [PackageRegistry.NuGet] = "nuget/login",
    };

    public override Rule Rule => WorkflowRules.UseTrustedPublishing;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        foreach (var scope in StepScope.All(target))
        {
            var step = scope.Step;
            if (step.Uses is { Kind: UsesKind.Repository } uses)
            {
                AuditAction(target, sink, scope, uses);
            }

            if (step.Run is { } run && ShellDialects.For(scope, run.Value) is { } dialect)
            {
                foreach (var command in ShellScript.Parse(run.Value, dialect))
                {
                    if (PublishCommands.Match(command) is { } upload && Judge(scope, upload, run.Value) is { } why)
                    {
                        var (start, end) = ScalarLocator.Locate(run, target.Source, command.Start, command.End);
                        sink.Report(Rule, start, end, why.Message, Severity.Info, why.Confidence, context: step.Node);
                    }
                }
            }
        }
    }

    private void AuditAction(AuditTarget target, FindingSink sink, StepScope scope, UsesReference uses)
    {
        var step = scope.Step;
        if (uses.Is(KnownActions.PypiPublish))
        {
            var url = step.Input("repository-url")?.Value ?? step.Input("repository_url")?.Value;
            if (step.With?.GetKey("password") is { } passwordKey && !MintedInJob(scope, step.With.Get("password") as YamlScalar) && (url is null || IsPublic(PackageRegistry.PyPI, url)))
            {
                sink.Report(Rule, passwordKey.Start, step.With.Get("password")!.End, $"'{step.DisplayName}' uploads to {(url is not null && url.Contains("test.pypi", StringComparison.OrdinalIgnoreCase) ? "TestPyPI" : "PyPI")} with an API token; with Trusted Publishing the job needs only id-token: write and no stored secret (register the workflow as a trusted publisher on PyPI, then drop password:)", Severity.Info, Confidence.High, context: step.Node);
            }
        }
        else if (uses.Is("pyo3/maturin-action") && step.Input("command")?.Value.Trim() is "upload" or "publish")
        {
            foreach (var name in (ReadOnlySpan<string>)["MATURIN_PYPI_TOKEN", "MATURIN_PASSWORD"])
            {
                if (step.Env?.Get(name) is { } value && !MintedInJob(scope, value as YamlScalar))
                {
                    var key = ((YamlMapping)step.Env.Node).GetKey(name)!;
                    sink.Report(Rule, key.Start, value.End, $"'{step.DisplayName}' uploads to PyPI with {name}; maturin uses Trusted Publishing when the job has id-token: write and no token is set", Severity.Info, Confidence.High, context: step.Node);
                    break;
                }
            }
        }
        else if (uses.Is("rubygems/release-gem") && step.Input("setup-trusted-publisher")?.AsBoolean() == false)
        {
            var input = step.Input("setup-trusted-publisher")!;
            sink.Report(Rule, step.With!.GetKey("setup-trusted-publisher")!.Start, input.End, $"'{step.DisplayName}' turns off the RubyGems trusted publisher setup and pushes with a stored key", Severity.Info, Confidence.High, context: step.Node);
        }
        else if (uses.Is("actions/setup-node") && step.Input("always-auth")?.AsBoolean() == true
            && step.Input("registry-url")?.Value is { } registry && IsPublic(PackageRegistry.Npm, registry))
        {
            var input = step.Input("always-auth")!;
            sink.Report(Rule, step.With!.GetKey("always-auth")!.Start, input.End, $"'{step.DisplayName}' sets up a stored npm token for every request to npmjs; npm publish can use Trusted Publishing instead", Severity.Info, Confidence.High, context: step.Node);
        }
    }

    /// <summary>Why the upload is reported (message and confidence), or null when it is not.</summary>
    private static (string Message, Confidence Confidence)? Judge(StepScope scope, PublishCommand upload, string script)
    {
        if (upload.HasFlag("--dry-run") || (upload.Tool == "uv" && upload.Option("--trusted-publishing") == "always"))
        {
            return null;
        }

        if (!UploadsToPublicRegistry(scope, upload))
        {
            return null;
        }

        var registry = RegistryName(upload.Registry);
        var credential = Credential(scope, upload, script);
        var idToken = GrantsIdToken(scope);
        if (credential is { Minted: true } && idToken == true)
        {
            return null;
        }

        if (credential is null && ExchangeActions.TryGetValue(upload.Registry, out var exchange) && idToken == true && EarlierStepUses(scope, exchange))
        {
            return null; // the exchange action put a short-lived token where the tool looks
        }

        if (credential is { } found)
        {
            return upload.NativeTrustedPublishing
                ? ($"'{scope.Step.DisplayName}' runs {upload.Name} with a stored credential ({found.What}); {upload.Tool} uses {registry} Trusted Publishing by itself when the job has id-token: write and no credential is set", Confidence.High)
                : ($"'{scope.Step.DisplayName}' runs {upload.Name} with a stored credential ({found.What}); {registry} Trusted Publishing would mint a short-lived one instead", Confidence.High);
        }

        if (upload.NativeTrustedPublishing)
        {
            // no credential in sight: with id-token: write the tool is already using Trusted Publishing; without it, or in a
            // composite action whose caller's grant is unknown, it must be finding a token somewhere we cannot see
            return idToken is true or null
                ? null
                : ($"'{scope.Step.DisplayName}' runs {upload.Name} in a job without id-token: write, so it uploads with a credential stored elsewhere (a config file, an earlier step); {registry} Trusted Publishing needs none", Confidence.Medium);
        }

        return ($"'{scope.Step.DisplayName}' runs {upload.Name}, which uploads to {registry} with a stored token; use the registry's Trusted Publishing instead", Confidence.High);
    }

    private static string RegistryName(PackageRegistry registry) => registry switch
    {
        PackageRegistry.PyPI => "PyPI",
        PackageRegistry.Npm => "npm",
        PackageRegistry.CratesIo => "crates.io",
        PackageRegistry.RubyGems => "RubyGems",
        _ => "NuGet",
    };

    /// <summary>True unless an option, a variable or the job's setup-node points the upload at another index or registry.</summary>
    private static bool UploadsToPublicRegistry(StepScope scope, PublishCommand upload)
    {
        string? Env(string name) => (scope.LookupEnv(name) as YamlScalar)?.Value;
        switch (upload.Registry)
        {
            case PackageRegistry.PyPI:
                if ((upload.Option("--repository-url", "--publish-url", "--index-url") ?? Env("TWINE_REPOSITORY_URL") ?? Env("UV_PUBLISH_URL") ?? Env("MATURIN_REPOSITORY_URL") ?? Env("FLIT_INDEX_URL")) is { } url)
                {
                    return IsPublic(PackageRegistry.PyPI, url);
                }

                var name = upload.Option("-r", "--repository", "--repo", "--index") ?? Env("TWINE_REPOSITORY") ?? Env("HATCH_INDEX_REPO") ?? Env("PDM_PUBLISH_REPO");
                return name is null || name.Trim().ToLowerInvariant() is "pypi" or "testpypi" or "main" or "test" || IsPublic(PackageRegistry.PyPI, name);
            case PackageRegistry.Npm:
                if ((upload.Option("--registry") ?? Env("NPM_CONFIG_REGISTRY") ?? SetupNodeRegistry(scope)) is { } registry)
                {
                    return IsPublic(PackageRegistry.Npm, registry);
                }

                return true;
            case PackageRegistry.CratesIo:
                return upload.Option("--registry", "--index") is null;
            case PackageRegistry.RubyGems:
                return (upload.Option("--host") ?? Env("RUBYGEMS_HOST")) is not { } host || IsPublic(PackageRegistry.RubyGems, host);
            default:
                return upload.Option("-s", "--source") is not { } source || IsPublic(PackageRegistry.NuGet, source);
        }
    }

    /// <summary>The <c>registry-url</c> of the last setup-node before the step in its job, which decides where npm publishes.</summary>
    private static string? SetupNodeRegistry(StepScope scope)
    {
        string? registry = null;
        foreach (var step in PreviousSteps(scope))
        {
            if (step.Uses is { } uses && uses.Is("actions/setup-node") && step.Input("registry-url") is { } url)
            {
                registry = url.Value;
            }
        }

        return registry;
    }

    internal static bool IsPublic(PackageRegistry registry, string url)
    {
        if (url.Contains("${{", StringComparison.Ordinal))
        {
            return true; // decided at run time; the public registry is the usual answer
        }

        return registry switch
        {
            PackageRegistry.PyPI => url.Contains("pypi.org", StringComparison.OrdinalIgnoreCase),
            PackageRegistry.Npm => url.Contains("registry.npmjs.org", StringComparison.OrdinalIgnoreCase),
            PackageRegistry.CratesIo => url.Contains("crates.io", StringComparison.OrdinalIgnoreCase),
            PackageRegistry.RubyGems => url.Contains("rubygems.org", StringComparison.OrdinalIgnoreCase),
            _ => url.Contains("nuget.org", StringComparison.OrdinalIgnoreCase),
        };
    }

    private sealed record Found(string What, bool Minted);

    /// <summary>
    /// The credential the upload is handed: an option on the command, a variable the registry's tools read (step, job or
    /// workflow <c>env:</c>), or a secret named in the command. Minted when every value comes from an earlier step's output.
    /// </summary>
    private static Found? Credential(StepScope scope, PublishCommand upload, string script)
    {
        foreach (var option in CredentialOptions)
        {
            // short options mean other things to some tools (cargo -p is --package), so they count only with a secret-like value
            if (upload.Option(option) is { } value && (option.StartsWith("--", StringComparison.Ordinal) || value.Contains("${{", StringComparison.Ordinal) || value.StartsWith('$') || value.StartsWith('%')))
            {
                return new Found(option, IsStepOutput(value) || IsStepOutput(EnvReference(scope, value)));
            }
        }

        foreach (var name in CredentialVariables[upload.Registry])
        {
            if (scope.LookupEnv(name) is { } node)
            {
                return new Found(name, IsStepOutput((node as YamlScalar)?.Value ?? ""));
            }
        }

        // POETRY_PYPI_TOKEN_<REPO>, POETRY_HTTP_BASIC_<REPO>_PASSWORD, CARGO_REGISTRIES_<NAME>_TOKEN for any repository name
        foreach (var block in (ReadOnlySpan<EnvBlock?>)[scope.Step.Env, scope.Job?.Env, scope.Workflow?.Env])
        {
            foreach (var (key, value) in block?.Variables ?? [])
            {
                if (key.Value.StartsWith("POETRY_PYPI_TOKEN_", StringComparison.OrdinalIgnoreCase) || (key.Value.StartsWith("POETRY_HTTP_BASIC_", StringComparison.OrdinalIgnoreCase) && key.Value.EndsWith("_PASSWORD", StringComparison.OrdinalIgnoreCase)))
                {
                    return new Found(key.Value, IsStepOutput((value as YamlScalar)?.Value ?? ""));
                }
            }
        }

        var text = script[upload.Command.Start..upload.Command.End];
        if (text.Contains("secrets.", StringComparison.Ordinal))
        {
            return new Found("a secret on the command line", false);
        }

        // a token configured earlier in the same job (poetry config pypi-token.pypi …, an .npmrc or .pypirc written with a secret)
        foreach (var step in PreviousSteps(scope).Append(scope.Step))
        {
            if (step.Run?.Value is { } earlier && earlier.Contains("secrets.", StringComparison.Ordinal)
                && ConfigWrites.Any(w => earlier.Contains(w, StringComparison.Ordinal)))
            {
                return new Found($"configured in '{step.DisplayName}'", false);
            }
        }

        return null;
    }

    /// <summary>
    /// The <c>env:</c> value a shell variable reference (<c>$NAME</c>, <c>${NAME}</c>, <c>$env:NAME</c>, <c>%NAME%</c>)
    /// stands for, or "": the way to keep <c>${{ }}</c> out of a script is to pass it through <c>env:</c>, so a key
    /// minted by an earlier step arrives as <c>--api-key "$KEY"</c> with <c>KEY: ${{ steps.login.outputs.key }}</c>.
    /// </summary>
    private static string EnvReference(StepScope scope, string value)
    {
        var name = value switch
        {
            _ when value.StartsWith("${", StringComparison.Ordinal) && value.EndsWith('}') => value[2..^1],
            _ when value.StartsWith("$env:", StringComparison.OrdinalIgnoreCase) => value[5..],
            _ when value.StartsWith('$') => value[1..],
            _ when value.Length > 2 && value.StartsWith('%') && value.EndsWith('%') => value[1..^1],
            _ => "",
        };
        return name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && scope.LookupEnv(name) is YamlScalar scalar ? scalar.Value : "";
    }

    private static bool IsStepOutput(string value) =>
        value.Contains("steps.", StringComparison.Ordinal) && value.Contains(".outputs.", StringComparison.Ordinal) && !value.Contains("secrets.", StringComparison.Ordinal);

    /// <summary>True when <paramref name="value"/> is an earlier step's output in a job that can mint OIDC tokens.</summary>
    private static bool MintedInJob(StepScope scope, YamlScalar? value) => value is not null && IsStepOutput(value.Value) && GrantsIdToken(scope) == true;

    /// <summary>Whether the step's job may request an OIDC token; null in a composite action, where the caller decides.</summary>
    internal static bool? GrantsIdToken(StepScope scope)
    {
        if (scope.Job is not { } job || scope.Workflow is not { } workflow)
        {
            return null;
        }

        var permissions = job.Permissions ?? workflow.Permissions;
        return permissions switch
        {
            null => false, // the default token never carries id-token: write
            { Kind: PermissionsKind.WriteAll } => true,
            { Kind: PermissionsKind.Other } => null,
            _ => permissions.Scopes.Any(s => s.Name == "id-token" && s.IsWrite),
        };
    }

    private static IEnumerable<Step> PreviousSteps(StepScope scope)
    {
        var steps = scope.Job?.Steps ?? scope.Action?.Steps ?? [];
        return steps.Take(scope.Step.Index);
    }

    private static bool EarlierStepUses(StepScope scope, string action) => PreviousSteps(scope).Any(s => s.Uses is { } u && u.Is(action));
}
