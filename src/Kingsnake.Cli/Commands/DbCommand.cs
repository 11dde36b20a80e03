using System.CommandLine;
using System.Globalization;
using Kingsnake.Advisories.Download;
using Kingsnake.Advisories.Index;

namespace Kingsnake.Cli.Commands;

/// <summary><c>kingsnake db import|status|update</c>: the advisory database and its compiled index.</summary>
internal static class DbCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("db", "Manage the advisory database: import OSV records, show what is loaded, download the latest.");

        var importPath = new Argument<string>("path") { Description = "A directory of OSV records (JSON or YAML) or an OSV zip export." };
        var import = new Command("import", "Compile OSV records into the cached index and make them the current database.") { importPath };
        import.SetAction(parse =>
        {
            var source = Path.GetFullPath(parse.GetValue(importPath)!, console.CurrentDirectory);
            var database = Run(() => AdvisoryDatabase.Import(source, DatabaseLocator.CacheDirectory(console)));
            PrintStatus(console, database);
            return database.Errors.Count > 0 ? ExitCodes.Error : ExitCodes.Clean;
        });

        var statusDb = new Option<string?>("--db") { Description = "Show this database instead of the current one." };
        var status = new Command("status", "Show the current database (source, records, packages, content hash, age) and every compiled index in the cache.") { statusDb };
        status.SetAction(parse =>
        {
            var cache = DatabaseLocator.CacheDirectory(console);
            var chosen = parse.GetValue(statusDb) ?? console.GetEnvironmentVariable("KINGSNAKE_DB");
            AdvisoryDatabase? database = null;
            if (chosen is { Length: > 0 })
            {
                database = Run(() => AdvisoryDatabase.Open(Path.GetFullPath(chosen, console.CurrentDirectory), cache));
            }
            else if (AdvisoryDatabase.HasCurrent(cache))
            {
                database = Run(() => AdvisoryDatabase.OpenCurrent(cache));
            }

            // listed after opening: a database named here is compiled into the cache by that and belongs in the list
            var indexes = AdvisoryDatabase.CompiledIndexes(cache);
            if (database is null && indexes.Count == 0)
            {
                throw new UsageException($"no advisory database in {cache}. {DatabaseLocator.HowToGetOne}");
            }

            if (database is not null)
            {
                PrintStatus(console, database);
            }
            else
            {
                console.Out.WriteLine($"current:         none ('kingsnake db import SOURCE' makes one current; --db SOURCE or KINGSNAKE_DB=SOURCE names one for a run)");
            }

            PrintIndexes(console, cache, indexes, database?.Status.IndexPath);
            return ExitCodes.Clean;
        });

        var url = new Option<string?>("--url") { Description = $"Download from this URL (default: {AdvisoryDownloader.DefaultUrl}; also KINGSNAKE_DB_URL)." };
        var update = new Command("update", "Download osv.dev's PyPI export over HTTPS into the cache and compile it.") { url };
        update.SetAction(parse =>
        {
            var chosen = parse.GetValue(url) ?? console.GetEnvironmentVariable("KINGSNAKE_DB_URL");
            Uri? uri = null;
            if (chosen is { Length: > 0 } && !Uri.TryCreate(chosen, UriKind.Absolute, out uri))
            {
                throw new UsageException($"--url is not an absolute URL: {chosen}");
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
            var downloader = new AdvisoryDownloader(http);
            var database = Run(() => downloader.UpdateAsync(DatabaseLocator.CacheDirectory(console), uri).GetAwaiter().GetResult());
            PrintStatus(console, database);
            return ExitCodes.Clean;
        });

        command.Add(import);
        command.Add(status);
        command.Add(update);
        return command;
    }

    private static AdvisoryDatabase Run(Func<AdvisoryDatabase> open)
    {
        try
        {
            return open();
        }
        catch (AdvisoryDatabaseException ex)
        {
            throw new UsageException(ex.Message + ". " + DatabaseLocator.HowToGetOne, ex);
        }
        catch (AdvisoryDownloadException ex)
        {
            throw new UsageException($"db update failed: {ex.Message}", ex);
        }
    }

    private static void PrintStatus(CliConsole console, AdvisoryDatabase database)
    {
        var status = database.Status;
        var invariant = CultureInfo.InvariantCulture;
        console.Out.WriteLine($"source:          {status.Source}");
        console.Out.WriteLine($"records:         {status.RecordCount.ToString(invariant)} ({status.WithdrawnCount.ToString(invariant)} withdrawn skipped, {status.ErrorCount.ToString(invariant)} unreadable)");
        console.Out.WriteLine($"vulnerabilities: {status.VulnerabilityCount.ToString(invariant)} in {status.PackageCount.ToString(invariant)} packages (aliases merged)");
        console.Out.WriteLine($"newest record:   {status.NewestModified ?? "unknown"}{DataAge(status.NewestModified)}");
        console.Out.WriteLine($"compiled:        {status.CompiledAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", invariant)} ({Age(status.AgeAt(DateTimeOffset.UtcNow))} ago){(status.LoadedFromCache ? "" : ", just now")}");
        console.Out.WriteLine($"content hash:    {status.ContentHash}");
        if (status.IndexPath is not null)
        {
            console.Out.WriteLine($"index:           {status.IndexPath}");
        }

        foreach (var error in database.Errors)
        {
            console.Error.WriteLine($"error: {error}");
        }
    }

    /// <summary>
    /// Every index compiled into the cache (by <c>db import</c>, <c>db update</c> or an audit's <c>--db</c>), one line each:
    /// the one shown above marked, the age of its newest advisory, and its source (each path once).
    /// </summary>
    private static void PrintIndexes(CliConsole console, string cache, IReadOnlyList<CompiledIndex> indexes, string? shown)
    {
        if (indexes.Count == 0)
        {
            return;
        }

        var invariant = CultureInfo.InvariantCulture;
        console.Out.WriteLine();
        console.Out.WriteLine($"compiled indexes in {cache}:");
        foreach (var index in indexes)
        {
            var mark = shown is not null && string.Equals(Path.GetFullPath(shown), Path.GetFullPath(index.Path), StringComparison.Ordinal) ? "*" : " ";
            var name = Path.GetFileName(index.Path);
            if (index.Status is not { } status)
            {
                console.Out.WriteLine($"{mark} {name}  unreadable: {index.Problem}");
                continue;
            }

            var newest = status.NewestModified is { } modified && modified.Length >= 10 ? modified[..10] : "unknown";
            console.Out.WriteLine($"{mark} {name}  {status.VulnerabilityCount.ToString("N0", invariant)} vulnerabilities, newest record {newest}{DataAge(status.NewestModified)}, from {status.Source}");
        }
    }

    /// <summary>
    /// How old the data is (the compile time says only when the index was built): " (N days old)", with the refresh
    /// command once it is older than the audit's threshold for a note.
    /// </summary>
    private static string DataAge(string? newest)
    {
        if (!DateTimeOffset.TryParse(newest, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return "";
        }

        var days = Math.Max(0, (int)(DateTimeOffset.UtcNow - time).TotalDays);
        return days > Dependencies.Auditing.AdvisoryDatabaseInfo.StaleAfterDays
            ? $" ({days.ToString(CultureInfo.InvariantCulture)} days old; 'kingsnake db update' fetches the latest)"
            : $" ({days.ToString(CultureInfo.InvariantCulture)} days old)";
    }

    private static string Age(TimeSpan age) =>
        age.TotalDays >= 1 ? $"{(int)age.TotalDays} days"
        : age.TotalHours >= 1 ? $"{(int)age.TotalHours} hours"
        : $"{Math.Max(0, (int)age.TotalMinutes)} minutes";
}
