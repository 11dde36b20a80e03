using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Kingsnake.Advisories.Grouping;
using Kingsnake.Advisories.Model;
using Kingsnake.Advisories.Reading;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Output;
using Kingsnake.Packaging.Names;

namespace Kingsnake.Advisories.Index;

/// <summary>
/// The advisory database an audit queries: records from a source (directory of OSV files or a zip export),
/// compiled once into a binary index cached under the cache directory and keyed by the source's content hash.
/// A valid cache loads in milliseconds; a stale, corrupt or truncated one is rebuilt, never trusted.
/// Thread-safe for concurrent <see cref="ForPackage"/> calls.
/// </summary>
public sealed class AdvisoryDatabase
{
    internal const string CurrentSourceFileName = "current-source";
    private static readonly IReadOnlyList<Vulnerability> NoVulnerabilities = [];

    private readonly IndexReader _index;
    private readonly ConcurrentDictionary<string, IReadOnlyList<Vulnerability>> _byPackage = new(StringComparer.Ordinal);

    private AdvisoryDatabase(IndexReader index, string? indexPath, bool loadedFromCache, IReadOnlyList<InputError> warnings)
    {
        _index = index;
        var meta = index.Meta;
        Errors = warnings.Count == 0 ? meta.Errors : [.. meta.Errors, .. warnings];
        Status = new AdvisoryDatabaseStatus(
            meta.Source,
            meta.ContentHash,
            meta.RecordCount,
            meta.WithdrawnCount,
            meta.RecordFileCount,
            index.PackageCount,
            meta.VulnerabilityCount,
            meta.Errors.Count,
            meta.NewestModified,
            meta.CompiledAt,
            indexPath,
            loadedFromCache);
    }

    public AdvisoryDatabaseStatus Status { get; }

    /// <summary>Malformed records met when compiling (file, line, reason), plus cache problems worth telling.</summary>
    public IReadOnlyList<InputError> Errors { get; }

    /// <summary>The normalized names of every package with at least one advisory.</summary>
    public IReadOnlyCollection<string> PackageNames => _index.PackageNames;

    /// <summary>
    /// The vulnerabilities (alias-merged groups) that name <paramref name="packageName"/> (normalized here
    /// again, so <c>Jw.Util</c> finds <c>jw-util</c>), ordered by primary id. Empty when none.
    /// Whether a given version is affected is asked of each <see cref="Vulnerability"/>.
    /// </summary>
    public IReadOnlyList<Vulnerability> ForPackage(string packageName)
    {
        var name = PackageName.Normalize(packageName);
        return _byPackage.GetOrAdd(name, static (key, index) =>
        {
            var groups = index.ReadPackage(key);
            if (groups is null)
            {
                return NoVulnerabilities;
            }

            var result = new Vulnerability[groups.Count];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = new Vulnerability(key, groups[i].PrimaryId, groups[i].Ids, groups[i].Records);
            }

            return result;
        }, _index);
    }

    /// <summary>Every vulnerability of every package (materializes the whole database).</summary>
    public IEnumerable<Vulnerability> AllVulnerabilities()
    {
        foreach (var name in PackageNames.Order(StringComparer.Ordinal))
        {
            foreach (var vulnerability in ForPackage(name))
            {
                yield return vulnerability;
            }
        }
    }

    /// <summary><c>$XDG_CACHE_HOME/kingsnake</c> when set (and absolute), else <c>~/.cache/kingsnake</c>.</summary>
    public static string DefaultCacheDirectory() =>
        DefaultCacheDirectory(Environment.GetEnvironmentVariable("XDG_CACHE_HOME"), Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>The same rule, from given values (for callers that own the environment).</summary>
    public static string DefaultCacheDirectory(string? xdgCacheHome, string homeDirectory) =>
        !string.IsNullOrWhiteSpace(xdgCacheHome) && Path.IsPathRooted(xdgCacheHome)
            ? Path.Combine(xdgCacheHome, "kingsnake")
            : Path.Combine(homeDirectory, ".cache", "kingsnake");

    /// <summary>Where the compiled index of <paramref name="sourcePath"/> lives in <paramref name="cacheDirectory"/>.</summary>
    public static string IndexPathFor(string sourcePath, string cacheDirectory)
    {
        var key = SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(sourcePath)));
        return Path.Combine(cacheDirectory, $"advisories-{Convert.ToHexStringLower(key)[..16]}.idx");
    }

    /// <summary>
    /// Opens the database for a source: uses the cached index when its content hash matches the source,
    /// else compiles the source and writes the index (temp file + rename). Throws
    /// <see cref="AdvisoryDatabaseException"/> when the source is missing or gave no record but errors.
    /// </summary>
    public static AdvisoryDatabase Open(string sourcePath, string? cacheDirectory = null, AdvisoryLoadOptions? options = null)
    {
        var source = Path.GetFullPath(sourcePath);
        var cache = cacheDirectory ?? DefaultCacheDirectory();
        var contentHash = HashSource(source);
        var indexPath = IndexPathFor(source, cache);
        var warnings = new List<InputError>();
        if (TryLoadIndex(indexPath, warnings) is { } cached)
        {
            if (string.Equals(cached.Meta.ContentHash, contentHash, StringComparison.Ordinal)
                && string.Equals(cached.Meta.Source, source, StringComparison.Ordinal))
            {
                return new AdvisoryDatabase(cached, indexPath, loadedFromCache: true, warnings);
            }
        }

        return Build(source, contentHash, indexPath, options, warnings);
    }

    /// <summary>
    /// <c>kingsnake db import</c>: compiles the source unconditionally, writes its index, and records it as the
    /// current database of the cache directory (what <see cref="OpenCurrent"/> opens).
    /// </summary>
    public static AdvisoryDatabase Import(string sourcePath, string? cacheDirectory = null, AdvisoryLoadOptions? options = null)
    {
        var source = Path.GetFullPath(sourcePath);
        var cache = cacheDirectory ?? DefaultCacheDirectory();
        var database = Build(source, HashSource(source), IndexPathFor(source, cache), options, []);
        Directory.CreateDirectory(cache);
        AtomicFile.Write(Path.Combine(cache, CurrentSourceFileName), Encoding.UTF8.GetBytes(source + "\n"));
        return database;
    }

    /// <summary>
    /// Opens the database last imported or downloaded into the cache directory. When its source has gone,
    /// the last valid index is used as is (with a warning in <see cref="Errors"/>).
    /// </summary>
    public static AdvisoryDatabase OpenCurrent(string? cacheDirectory = null, AdvisoryLoadOptions? options = null)
    {
        var cache = cacheDirectory ?? DefaultCacheDirectory();
        var pointer = Path.Combine(cache, CurrentSourceFileName);
        if (!File.Exists(pointer))
        {
            throw new AdvisoryDatabaseException($"no advisory database in {cache}");
        }

        var source = File.ReadAllText(pointer).Trim();
        if (Directory.Exists(source) || File.Exists(source))
        {
            return Open(source, cache, options);
        }

        var indexPath = IndexPathFor(source, cache);
        var warnings = new List<InputError>();
        if (TryLoadIndex(indexPath, warnings) is { } cached)
        {
            warnings.Add(new InputError(SourceSpan.WholeFile(source), "advisory source is gone; using the last compiled index"));
            return new AdvisoryDatabase(cached, indexPath, loadedFromCache: true, warnings);
        }

        throw new AdvisoryDatabaseException($"the current advisory source {source} is gone and no valid index remains");
    }

    /// <summary>True when <c>kingsnake db update|import</c> left a current database in the cache directory (it may still fail to open).</summary>
    public static bool HasCurrent(string? cacheDirectory = null) =>
        File.Exists(Path.Combine(cacheDirectory ?? DefaultCacheDirectory(), CurrentSourceFileName));

    /// <summary>The source the cache's current database was imported or downloaded from, or null when there is none.</summary>
    public static string? CurrentSource(string? cacheDirectory = null)
    {
        var pointer = Path.Combine(cacheDirectory ?? DefaultCacheDirectory(), CurrentSourceFileName);
        try
        {
            return File.Exists(pointer) ? File.ReadAllText(pointer).Trim() : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Every compiled index in <paramref name="cacheDirectory"/>, whichever way it was made (<c>db import</c>, <c>db
    /// update</c>, or an audit's <c>--db</c>), ordered by path: each opened and checksum-verified, or the reason it
    /// cannot be trusted.
    /// </summary>
    public static IReadOnlyList<CompiledIndex> CompiledIndexes(string? cacheDirectory = null)
    {
        var cache = cacheDirectory ?? DefaultCacheDirectory();
        if (!Directory.Exists(cache))
        {
            return [];
        }

        var found = new List<CompiledIndex>();
        foreach (var path in Directory.EnumerateFiles(cache, "advisories-*.idx").Order(StringComparer.Ordinal))
        {
            try
            {
                found.Add(new CompiledIndex(path, OpenIndex(path).Status, null));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InputFormatException)
            {
                found.Add(new CompiledIndex(path, null, exception.Message));
            }
        }

        return found;
    }

    /// <summary>Compiles a source in memory without touching any cache.</summary>
    public static AdvisoryDatabase Compile(string sourcePath, AdvisoryLoadOptions? options = null)
    {
        var source = Path.GetFullPath(sourcePath);
        return Build(source, HashSource(source), indexPath: null, options, []);
    }

    /// <summary>Opens one index file directly (checksum verified); throws <see cref="InputFormatException"/> when it cannot be trusted.</summary>
    public static AdvisoryDatabase OpenIndex(string indexPath) =>
        new(IndexFile.Read(File.ReadAllBytes(indexPath)), indexPath, loadedFromCache: true, []);

    private static string HashSource(string source)
    {
        if (!Directory.Exists(source) && !File.Exists(source))
        {
            throw new AdvisoryDatabaseException($"advisory source not found: {source}");
        }

        try
        {
            return ContentHash.Compute(source);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new AdvisoryDatabaseException($"cannot read advisory source {source}: {exception.Message}", exception);
        }
    }

    private static IndexReader? TryLoadIndex(string indexPath, List<InputError> warnings)
    {
        byte[] bytes;
        try
        {
            if (!File.Exists(indexPath))
            {
                return null;
            }

            bytes = File.ReadAllBytes(indexPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            warnings.Add(new InputError(SourceSpan.WholeFile(indexPath), $"cannot read the cached index, rebuilding: {exception.Message}"));
            return null;
        }

        try
        {
            return IndexFile.Read(bytes);
        }
        catch (InputFormatException exception)
        {
            warnings.Add(new InputError(SourceSpan.WholeFile(indexPath), $"cached index rejected, rebuilding: {exception.Message}"));
            return null;
        }
    }

    private static AdvisoryDatabase Build(string source, string contentHash, string? indexPath, AdvisoryLoadOptions? options, List<InputError> warnings)
    {
        var loaded = AdvisoryLoader.Load(source, options);
        if (loaded.Advisories.Count == 0 && loaded.Errors.Count > 0)
        {
            throw new AdvisoryDatabaseException($"no advisory could be loaded from {source}: {loaded.Errors[0]}");
        }

        var bytes = Serialize(source, contentHash, loaded);
        if (indexPath is not null)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(indexPath)!);
                AtomicFile.Write(indexPath, bytes);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The audit can go on from memory; the next run will try again.
                warnings.Add(new InputError(SourceSpan.WholeFile(indexPath), $"cannot write the index cache: {exception.Message}"));
            }
        }

        return new AdvisoryDatabase(IndexFile.Read(bytes), indexPath, loadedFromCache: false, warnings);
    }

    private static byte[] Serialize(string source, string contentHash, AdvisoryLoadResult loaded)
    {
        var records = loaded.Advisories;
        var byPackage = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < records.Count; i++)
        {
            foreach (var name in records[i].Affected.Select(a => a.Name).Distinct(StringComparer.Ordinal))
            {
                if (!byPackage.TryGetValue(name, out var list))
                {
                    byPackage[name] = list = [];
                }

                list.Add(i);
            }
        }

        var packages = new List<IndexFile.PackageGroups>(byPackage.Count);
        var vulnerabilityCount = 0;
        foreach (var (name, recordNumbers) in byPackage.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var packageRecords = recordNumbers.Select(i => records[i]).ToList();
            var groups = AliasGrouper.GroupRecords(packageRecords)
                .Select(g => g with { Records = [.. g.Records.Select(local => recordNumbers[local])] })
                .ToList();
            vulnerabilityCount += groups.Count;
            packages.Add(new IndexFile.PackageGroups(name, groups));
        }

        var meta = new IndexFile.Meta(
            source,
            contentHash,
            DateTimeOffset.UtcNow,
            loaded.RecordFileCount,
            records.Count,
            loaded.WithdrawnCount,
            loaded.NotPyPICount,
            vulnerabilityCount,
            NewestModified(records),
            loaded.Errors);
        return IndexFile.Write(meta, records, packages);
    }

    /// <summary>
    /// The latest <c>modified</c> or <c>published</c> time among the records, as written: how fresh the data is (the
    /// compile time says only when the index was built). Both count, since a record's <c>modified</c> is required but
    /// a feed may set it before <c>published</c> when it imports an embargoed record.
    /// </summary>
    private static string? NewestModified(IReadOnlyList<Advisory> records)
    {
        string? newest = null;
        var newestTime = DateTimeOffset.MinValue;
        foreach (var record in records)
        {
            foreach (var stamp in new[] { record.Modified, record.Published })
            {
                if (DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) && time > newestTime)
                {
                    newestTime = time;
                    newest = stamp;
                }
            }
        }

        return newest;
    }
}
