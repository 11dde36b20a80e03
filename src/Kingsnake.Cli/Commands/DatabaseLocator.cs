using Kingsnake.Core.Configuration;

namespace Kingsnake.Cli.Commands;

/// <summary>
/// Decides which advisory database a run uses: <c>--db</c>, then <c>KINGSNAKE_DB</c>, then the configuration's
/// <c>db</c>, then what <c>kingsnake db update|import</c> left in the cache.
/// </summary>
internal static class DatabaseLocator
{
    public const string HowToGetOne = Kingsnake.Dependencies.Auditing.DatabaseUnavailableException.HowToGetOne;

    public static string CacheDirectory(CliConsole console)
    {
        if (console.GetEnvironmentVariable("KINGSNAKE_CACHE_DIR") is { Length: > 0 } explicitDir)
        {
            return explicitDir;
        }

        var xdg = console.GetEnvironmentVariable("XDG_CACHE_HOME");
        var home = console.GetEnvironmentVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(home, ".cache") : xdg, "kingsnake");
    }

    /// <summary>The database source to use, or null when only the cache's current database is left to try.</summary>
    public static string? Resolve(string? option, KingsnakeConfig config, CliConsole console, string rootPath)
    {
        var chosen = option is not null ? Path.GetFullPath(option, console.CurrentDirectory)
            : console.GetEnvironmentVariable("KINGSNAKE_DB") is { Length: > 0 } fromEnvironment ? Path.GetFullPath(fromEnvironment, console.CurrentDirectory)
            : config.Database is not null ? Path.GetFullPath(config.Database, rootPath)
            : null;
        if (chosen is not null && !File.Exists(chosen) && !Directory.Exists(chosen))
        {
            throw new UsageException($"advisory database not found: {chosen}");
        }

        return chosen;
    }
}
