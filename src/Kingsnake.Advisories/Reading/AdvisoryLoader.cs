using Kingsnake.Advisories.Model;
using Kingsnake.Core.Findings;
using Kingsnake.Packaging.Archives;

namespace Kingsnake.Advisories.Reading;

/// <summary>
/// Loads OSV records from a directory tree (every *.json, *.yaml, *.yml; anything else, such as the PyPA
/// database's <c>vulns/.id-allocator</c>, is skipped), from a zip export (osv.dev's per-ecosystem <c>all.zip</c>),
/// or from one record file. Files are parsed in parallel; a malformed record becomes an <see cref="InputError"/>
/// naming the file and line while every other record still loads.
/// </summary>
public static class AdvisoryLoader
{
    /// <summary>Loads a directory, a .zip archive or a single record file.</summary>
    public static AdvisoryLoadResult Load(string sourcePath, AdvisoryLoadOptions? options = null)
    {
        options ??= AdvisoryLoadOptions.Default;
        if (Directory.Exists(sourcePath))
        {
            return LoadDirectory(sourcePath, options);
        }

        if (!File.Exists(sourcePath))
        {
            return Failed(sourcePath, "advisory source not found (expected a directory of OSV records or a .zip export)");
        }

        if (IsZip(sourcePath))
        {
            return LoadZip(sourcePath, options);
        }

        var batch = new List<(string Path, Func<byte[]> Read)> { (sourcePath, () => ReadLimited(sourcePath, options)) };
        return Parse(batch, options, []);
    }

    public static AdvisoryLoadResult LoadDirectory(string directory, AdvisoryLoadOptions? options = null)
    {
        options ??= AdvisoryLoadOptions.Default;
        List<string> files;
        try
        {
            files = EnumerateRecordFiles(directory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Failed(directory, $"cannot list the advisory directory: {exception.Message}");
        }

        var work = new List<(string Path, Func<byte[]> Read)>(files.Count);
        foreach (var file in files)
        {
            work.Add((file, () => ReadLimited(file, options)));
        }

        return Parse(work, options, []);
    }

    /// <summary>
    /// Loads every *.json/*.yaml/*.yml member of a zip archive. The archive as a whole is rejected (one error,
    /// no records) when it breaks a limit or names a member with an absolute or parent-escaping path: such an
    /// archive is hostile or corrupt, not an advisory export.
    /// </summary>
    public static AdvisoryLoadResult LoadZip(string zipPath, AdvisoryLoadOptions? options = null)
    {
        options ??= AdvisoryLoadOptions.Default;
        try
        {
            using var archive = SafeZipReader.Open(zipPath, options.ArchiveLimits);
            var recordMembers = archive.Select(static member => IsRecordFile(member.Name));

            // Members are read one by one (the archive is not thread-safe) and parsed in parallel batches,
            // which bounds memory to one batch of record bytes.
            var loaded = new List<AdvisoryLoadResult>();
            const int BatchSize = 2048;
            for (var start = 0; start < recordMembers.Count; start += BatchSize)
            {
                var batch = new List<(string Path, Func<byte[]> Read)>();
                var end = Math.Min(recordMembers.Count, start + BatchSize);
                for (var i = start; i < end; i++)
                {
                    var member = recordMembers[i];
                    var path = zipPath + "!/" + member.Name;
                    byte[]? bytes = null;
                    Exception? failure = null;
                    try
                    {
                        bytes = archive.Read(member);
                    }
                    catch (InvalidDataException exception)
                    {
                        failure = exception;
                    }

                    batch.Add((path, () => bytes ?? throw new InputFormatException($"cannot read archive member: {failure!.Message}")));
                }

                loaded.Add(Parse(batch, options, []));
            }

            return Merge(loaded);
        }
        catch (InvalidDataException exception)
        {
            return Failed(zipPath, $"not a readable zip archive: {exception.Message}");
        }
        catch (InputFormatException exception)
        {
            return Failed(zipPath, exception.Message);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Failed(zipPath, $"cannot read the archive: {exception.Message}");
        }
    }

    /// <summary>The record files of a directory tree, sorted by ordinal path; symbolic links are not followed.</summary>
    public static List<string> EnumerateRecordFiles(string directory)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = FileAttributes.ReparsePoint,
            IgnoreInaccessible = false,
            ReturnSpecialDirectories = false,
        };
        var files = new List<string>();
        foreach (var file in Directory.EnumerateFiles(directory, "*", options))
        {
            if (IsRecordFile(file))
            {
                files.Add(file);
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    internal static bool IsRecordFile(string path) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    internal static bool IsZip(string path)
    {
        if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> magic = stackalloc byte[4];
            return stream.Read(magic) == 4 && magic.SequenceEqual("PK\u0003\u0004"u8);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static byte[] ReadLimited(string path, AdvisoryLoadOptions options)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        if (stream.Length > options.MaxRecordBytes)
        {
            throw new InputFormatException($"record file is {stream.Length} bytes, over the {options.MaxRecordBytes}-byte limit");
        }

        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static AdvisoryLoadResult Parse(List<(string Path, Func<byte[]> Read)> work, AdvisoryLoadOptions options, List<InputError> errors)
    {
        var outcomes = new Outcome[work.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism ?? -1 };
        Parallel.For(0, work.Count, parallel, i =>
        {
            var (path, read) = work[i];
            try
            {
                var bytes = read();
                var advisory = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                    ? OsvRecordParser.ParseJson(bytes, path)
                    : OsvRecordParser.ParseYaml(bytes, path);
                outcomes[i] = new Outcome(advisory, null);
            }
            catch (InputFormatException exception)
            {
                outcomes[i] = new Outcome(null, exception.ToError(path));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                outcomes[i] = new Outcome(null, new InputError(SourceSpan.WholeFile(path), $"cannot read: {exception.Message}"));
            }
        });

        var advisories = new List<Advisory>(work.Count);
        var withdrawn = new List<string>();
        var notPyPI = 0;
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var outcome in outcomes)
        {
            if (outcome.Error is not null)
            {
                errors.Add(outcome.Error);
                continue;
            }

            var advisory = outcome.Advisory!;
            if (advisory.Withdrawn is not null)
            {
                withdrawn.Add(advisory.Id);
                continue;
            }

            if (advisory.Affected.Count == 0)
            {
                notPyPI++;
                continue;
            }

            if (!seen.TryAdd(advisory.Id, advisory.SourcePath ?? string.Empty))
            {
                errors.Add(new InputError(
                    SourceSpan.WholeFile(advisory.SourcePath ?? advisory.Id),
                    $"duplicate advisory id {advisory.Id} (first in {seen[advisory.Id]}); this copy is ignored"));
                continue;
            }

            advisories.Add(advisory);
        }

        return new AdvisoryLoadResult(advisories, work.Count, withdrawn, notPyPI, errors);
    }

    private static AdvisoryLoadResult Merge(List<AdvisoryLoadResult> parts)
    {
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var advisories = new List<Advisory>();
        var withdrawn = new List<string>();
        var errors = new List<InputError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int files = 0, notPyPI = 0;
        foreach (var part in parts)
        {
            files += part.RecordFileCount;
            notPyPI += part.NotPyPICount;
            withdrawn.AddRange(part.WithdrawnIds);
            errors.AddRange(part.Errors);
            foreach (var advisory in part.Advisories)
            {
                if (seen.Add(advisory.Id))
                {
                    advisories.Add(advisory);
                }
                else
                {
                    errors.Add(new InputError(SourceSpan.WholeFile(advisory.SourcePath ?? advisory.Id), $"duplicate advisory id {advisory.Id}; this copy is ignored"));
                }
            }
        }

        return new AdvisoryLoadResult(advisories, files, withdrawn, notPyPI, errors);
    }

    private static AdvisoryLoadResult Failed(string path, string message) =>
        new([], 0, [], 0, [new InputError(SourceSpan.WholeFile(path), message)]);

    private readonly record struct Outcome(Advisory? Advisory, InputError? Error);
}
