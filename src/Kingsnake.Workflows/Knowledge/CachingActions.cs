namespace Kingsnake.Workflows.Knowledge;

/// <summary>How an action decides whether it restores a cache.</summary>
public enum CacheSwitch
{
    /// <summary>Always caches (actions/cache).</summary>
    Always,

    /// <summary>Caches only when the input is set to a non-empty, non-false value (setup-python <c>cache:</c>).</summary>
    OptIn,

    /// <summary>Caches unless the input is set to false (setup-go <c>cache:</c>, rust-cache).</summary>
    OptOut,
}

/// <summary>An action that restores a cache, the input that controls it, and from which major version the default applies.</summary>
public sealed record CachingAction(string Action, string? Input, CacheSwitch Switch, int SinceMajor = 0);

/// <summary>
/// Actions that restore caches, and actions that publish. Sources: each action's action.yml and README (the input
/// names and their defaults), and zizmor's cache-poisoning audit (/work/shared/reference/zizmor.md §2), whose list
/// this follows for the Python-relevant part.
/// </summary>
public static class CachingActions
{
    public static IReadOnlyList<CachingAction> All { get; } =
    [
        new("actions/cache", null, CacheSwitch.Always),
        new("actions/cache/restore", null, CacheSwitch.Always),
        new("actions/setup-python", "cache", CacheSwitch.OptIn),
        new("actions/setup-node", "cache", CacheSwitch.OptIn), // v5 and later also cache npm unless package-manager-cache: false
        new("actions/setup-java", "cache", CacheSwitch.OptIn),
        new("actions/setup-dotnet", "cache", CacheSwitch.OptIn),
        new("actions/setup-go", "cache", CacheSwitch.OptOut, 4), // on by default since v4
        new("astral-sh/setup-uv", "enable-cache", CacheSwitch.OptIn), // "auto" defaults: see SetupUvCachesByDefault
        new("hynek/setup-cached-uv", null, CacheSwitch.Always),
        new("swatinem/rust-cache", null, CacheSwitch.Always),
        new("jdx/mise-action", "cache", CacheSwitch.OptOut),
        new("ruby/setup-ruby", "bundler-cache", CacheSwitch.OptIn),
        new("prefix-dev/setup-pixi", "cache", CacheSwitch.OptOut), // on by default when the project has a pixi.lock
        new("mamba-org/setup-micromamba", "cache-environment", CacheSwitch.OptIn),
        new("pnpm/action-setup", "cache", CacheSwitch.OptIn),
        new("oven-sh/setup-bun", "no-cache", CacheSwitch.OptOut), // caches unless no-cache: true
        new("pyo3/maturin-action", "sccache", CacheSwitch.OptIn), // sccache keeps compiled objects in the Actions cache
        new("mozilla-actions/sccache-action", null, CacheSwitch.Always),
        new("mlugg/setup-zig", "use-cache", CacheSwitch.OptOut),
        new("graalvm/setup-graalvm", "cache", CacheSwitch.OptIn),
        new("determinatesystems/magic-nix-cache-action", null, CacheSwitch.Always),
    ];

    /// <summary>The caching entry for an action name (<c>owner/repo[/path]</c>, lower-case), or null.</summary>
    public static CachingAction? Find(string actionName)
    {
        foreach (var entry in All)
        {
            if (entry.Action.Equals(actionName, StringComparison.OrdinalIgnoreCase))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>
    /// setup-uv's <c>enable-cache</c> defaults to "auto" from v6 on (cache on GitHub-hosted runners); v10 made "auto"
    /// skip caching on release-like events (zizmor issue #2320). So without the input, v6–v9 cache and others do not.
    /// </summary>
    public static bool SetupUvCachesByDefault(int major) => major is >= 6 and < 10;

    /// <summary>
    /// setup-node v5 turned on npm caching without a <c>cache:</c> input (<c>package-manager-cache</c>, default true,
    /// when package.json names npm as its package manager); zizmor reports it from 1.25, and so do we, with the
    /// package.json condition left unchecked because the workflow audit does not read it.
    /// </summary>
    public static bool SetupNodeCachesByDefault(int major) => major >= 5;

    /// <summary>
    /// Steps that publish a release: a job containing one is a publishing job whatever its trigger. Value: the
    /// input that must be true for it to publish, or null when it always does.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Publishers { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
    {
        ["pypa/gh-action-pypi-publish"] = null,
        ["softprops/action-gh-release"] = null,
        ["goreleaser/goreleaser-action"] = null,
        ["docker/build-push-action"] = "push",
        ["pyo3/maturin-action"] = null, // only when its command is upload/publish, checked separately
        // not here: actions/deploy-pages and peaceiris/actions-gh-pages deploy a documentation site, not a package
        // release (zizmor's list of publishers leaves deploy-pages out too)
        ["rubygems/release-gem"] = null,
        ["ncipollo/release-action"] = null,
        ["sigstore/gh-action-sigstore-python"] = null,
    };
}
