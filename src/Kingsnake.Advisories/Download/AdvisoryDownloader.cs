using System.IO.Compression;
using Kingsnake.Advisories.Index;
using Kingsnake.Advisories.Reading;

namespace Kingsnake.Advisories.Download;

/// <summary>
/// <c>kingsnake db update</c>: downloads osv.dev's PyPI export (a zip of OSV JSON records) into the cache
/// directory and compiles its index. The download goes to a temporary file that replaces the previous archive
/// only once complete, within the size limit and readable as a zip; if compiling the new archive fails, the
/// previous archive is put back. Only this type touches the network, and only when asked.
/// </summary>
public sealed class AdvisoryDownloader
{
    public static readonly Uri DefaultUrl = new("https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip");

    /// <summary>The archive's file name inside the cache directory.</summary>
    public const string ArchiveFileName = "osv-pypi-all.zip";

    private readonly HttpClient _httpClient;

    /// <param name="httpClient">The client to use (its timeout and proxy settings apply); owned by the caller.</param>
    public AdvisoryDownloader(HttpClient httpClient)
    {
        _httpClient = httpClient;
    }

    /// <summary>Largest archive accepted (the PyPI export is tens of MB).</summary>
    public long MaxDownloadBytes { get; init; } = 1L << 30;

    /// <summary>Limits applied when the archive is compiled.</summary>
    public AdvisoryLoadOptions LoadOptions { get; init; } = AdvisoryLoadOptions.Default;

    /// <summary>Downloads the export and compiles it; the archive becomes the cache directory's current database.</summary>
    public async Task<AdvisoryDatabase> UpdateAsync(string? cacheDirectory = null, Uri? url = null, CancellationToken cancellationToken = default)
    {
        var cache = cacheDirectory ?? AdvisoryDatabase.DefaultCacheDirectory();
        var archive = Path.Combine(cache, ArchiveFileName);
        var backup = archive + ".previous";
        var downloaded = await DownloadAsync(cache, url, cancellationToken).ConfigureAwait(false);
        try
        {
            if (File.Exists(archive))
            {
                File.Move(archive, backup, overwrite: true);
            }

            File.Move(downloaded, archive, overwrite: true);
            var database = AdvisoryDatabase.Import(archive, cache, LoadOptions);
            File.Delete(backup);
            return database;
        }
        catch (AdvisoryDatabaseException)
        {
            if (File.Exists(backup))
            {
                File.Move(backup, archive, overwrite: true);
            }

            throw;
        }
        finally
        {
            if (File.Exists(downloaded))
            {
                File.Delete(downloaded);
            }
        }
    }

    /// <summary>
    /// Downloads the export into a temporary file in <paramref name="cacheDirectory"/> and returns its path once
    /// it is complete and opens as a zip. Throws <see cref="AdvisoryDownloadException"/> with a one-line reason.
    /// </summary>
    public async Task<string> DownloadAsync(string cacheDirectory, Uri? url = null, CancellationToken cancellationToken = default)
    {
        url ??= DefaultUrl;
        if (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
        {
            throw new AdvisoryDownloadException($"cannot download {url}: only http and https URLs are supported");
        }

        Directory.CreateDirectory(cacheDirectory);
        var temp = Path.Combine(cacheDirectory, $"{ArchiveFileName}.{Guid.NewGuid().ToString("N")[..8]}.download");
        var complete = false;
        try
        {
            using (var request = new HttpRequestMessage(HttpMethod.Get, url))
            using (var response = await Send(request, url, cancellationToken).ConfigureAwait(false))
            {
                if (!response.IsSuccessStatusCode)
                {
                    throw new AdvisoryDownloadException($"download of {url} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
                }

                if (response.Content.Headers.ContentLength is { } declared && declared > MaxDownloadBytes)
                {
                    throw new AdvisoryDownloadException($"download of {url} refused: {declared} bytes exceed the {MaxDownloadBytes}-byte limit");
                }

                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                var buffer = new byte[1 << 16];
                long total = 0;
                int read;
                while ((read = await ReadBody(body, buffer, url, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += read;
                    if (total > MaxDownloadBytes)
                    {
                        throw new AdvisoryDownloadException($"download of {url} aborted: more than {MaxDownloadBytes} bytes");
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }

                if (response.Content.Headers.ContentLength is { } expected && expected != total)
                {
                    throw new AdvisoryDownloadException($"download of {url} incomplete: {total} of {expected} bytes");
                }

                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            try
            {
                using var archive = ZipFile.OpenRead(temp);
                _ = archive.Entries.Count;
            }
            catch (InvalidDataException exception)
            {
                throw new AdvisoryDownloadException($"download of {url} is not a zip archive: {exception.Message}");
            }

            complete = true;
            return temp;
        }
        catch (IOException exception) when (exception is not AdvisoryDownloadException)
        {
            throw new AdvisoryDownloadException($"cannot write the download into {cacheDirectory}: {exception.Message}");
        }
        finally
        {
            if (!complete && File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private async Task<HttpResponseMessage> Send(HttpRequestMessage request, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            return await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new AdvisoryDownloadException($"cannot reach {url}: {exception.Message}");
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AdvisoryDownloadException($"download of {url} timed out: {exception.Message}");
        }
    }

    private static async Task<int> ReadBody(Stream body, byte[] buffer, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            return await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException && exception is not AdvisoryDownloadException)
        {
            throw new AdvisoryDownloadException($"download of {url} broke off: {exception.Message}");
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AdvisoryDownloadException($"download of {url} timed out: {exception.Message}");
        }
    }
}

/// <summary>The advisory export could not be downloaded; the message is one line naming the URL and the reason.</summary>
public sealed class AdvisoryDownloadException : IOException
{
    public AdvisoryDownloadException(string message)
        : base(message)
    {
    }

    public AdvisoryDownloadException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public AdvisoryDownloadException()
        : base("advisory download failed")
    {
    }
}
