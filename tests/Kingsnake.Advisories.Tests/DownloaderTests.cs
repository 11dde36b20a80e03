using System.Net;
using System.Net.Sockets;
using System.Text;
using Kingsnake.Advisories.Download;
using Kingsnake.Advisories.Index;

namespace Kingsnake.Advisories.Tests;

/// <summary>The downloader against a local HTTP server started by the test (no test touches the internet).</summary>
public sealed class DownloaderTests : IDisposable
{
    private readonly ScratchDirectory _scratch = TestData.Scratch();
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose()
    {
        _client.Dispose();
        _scratch.Dispose();
    }

    private byte[] BuildZip(params (string Name, string Json)[] members)
    {
        var path = Path.Combine(_scratch.Path, Guid.NewGuid().ToString("N") + ".zip");
        ZipTests.WriteZip(path, members.Select(m => (m.Name, Encoding.UTF8.GetBytes(m.Json))));
        return File.ReadAllBytes(path);
    }

    [Fact]
    public async Task Update_downloads_the_export_and_compiles_it()
    {
        var zip = BuildZip(("PYSEC-2024-1.json", ZipTests.Record("PYSEC-2024-1", "demo", "1.0")), ("GHSA-1.json", ZipTests.Record("GHSA-1", "demo", "2.0")));
        using var server = new LocalHttpServer(_ => (200, zip));
        var cache = Path.Combine(_scratch.Path, "cache");

        var database = await new AdvisoryDownloader(_client).UpdateAsync(cache, server.Url("/PyPI/all.zip"), TestContext.Current.CancellationToken);
        Assert.Equal(2, database.Status.RecordCount);
        Assert.Equal(["/PyPI/all.zip"], server.RequestedPaths);
        Assert.True(File.Exists(Path.Combine(cache, AdvisoryDownloader.ArchiveFileName)));
        Assert.Empty(Directory.GetFiles(cache, "*.download"));

        var current = AdvisoryDatabase.OpenCurrent(cache);
        Assert.True(current.Status.LoadedFromCache);
        Assert.True(current.ForPackage("demo").Single(v => v.PrimaryId == "PYSEC-2024-1").Affects("1.0"));
    }

    [Fact]
    public async Task Http_errors_are_reported_with_status()
    {
        using var server = new LocalHttpServer(_ => (404, "missing"u8.ToArray()));
        var error = await Assert.ThrowsAsync<AdvisoryDownloadException>(() =>
            new AdvisoryDownloader(_client).UpdateAsync(Path.Combine(_scratch.Path, "cache"), server.Url("/all.zip"), TestContext.Current.CancellationToken));
        Assert.Contains("HTTP 404", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(_scratch.Path, "cache")));
    }

    [Fact]
    public async Task Oversized_and_non_zip_downloads_are_refused_and_keep_the_previous_archive()
    {
        var cache = Path.Combine(_scratch.Path, "cache");
        var good = BuildZip(("PYSEC-1.json", ZipTests.Record("PYSEC-1", "demo", "1.0")));
        var body = good;
        using var server = new LocalHttpServer(_ => (200, body));
        var downloader = new AdvisoryDownloader(_client) { MaxDownloadBytes = 100_000 };
        await downloader.UpdateAsync(cache, server.Url("/all.zip"), TestContext.Current.CancellationToken);
        var archive = Path.Combine(cache, AdvisoryDownloader.ArchiveFileName);

        body = new byte[200_000];
        var tooBig = await Assert.ThrowsAsync<AdvisoryDownloadException>(() => downloader.UpdateAsync(cache, server.Url("/all.zip"), TestContext.Current.CancellationToken));
        Assert.Contains("100000-byte limit", tooBig.Message, StringComparison.Ordinal);

        body = "<html>captive portal</html>"u8.ToArray();
        var notZip = await Assert.ThrowsAsync<AdvisoryDownloadException>(() => downloader.UpdateAsync(cache, server.Url("/all.zip"), TestContext.Current.CancellationToken));
        Assert.Contains("not a zip archive", notZip.Message, StringComparison.Ordinal);

        Assert.Equal(good, File.ReadAllBytes(archive));
        Assert.Empty(Directory.GetFiles(cache, "*.download"));
        Assert.Equal(1, AdvisoryDatabase.OpenCurrent(cache).Status.RecordCount);
    }

    [Fact]
    public async Task A_hostile_archive_is_rejected_and_the_previous_one_restored()
    {
        var cache = Path.Combine(_scratch.Path, "cache");
        var good = BuildZip(("PYSEC-1.json", ZipTests.Record("PYSEC-1", "demo", "1.0")));
        var body = good;
        using var server = new LocalHttpServer(_ => (200, body));
        var downloader = new AdvisoryDownloader(_client);
        await downloader.UpdateAsync(cache, server.Url("/all.zip"), TestContext.Current.CancellationToken);

        body = BuildZip(("../evil.json", ZipTests.Record("EVIL-1", "demo", "1.0")));
        var error = await Assert.ThrowsAsync<AdvisoryDatabaseException>(() => downloader.UpdateAsync(cache, server.Url("/all.zip"), TestContext.Current.CancellationToken));
        Assert.Contains("escapes the archive", error.Message, StringComparison.Ordinal);
        Assert.Equal(good, File.ReadAllBytes(Path.Combine(cache, AdvisoryDownloader.ArchiveFileName)));
        Assert.Equal(["PYSEC-1"], AdvisoryDatabase.OpenCurrent(cache).ForPackage("demo").Select(v => v.PrimaryId));
    }

    [Fact]
    public async Task Unreachable_servers_and_other_schemes_give_clear_errors()
    {
        var port = LocalHttpServer.FreePort(); // nothing listens there
        var downloader = new AdvisoryDownloader(_client);
        var refused = await Assert.ThrowsAsync<AdvisoryDownloadException>(() =>
            downloader.DownloadAsync(_scratch.Path, new Uri($"http://127.0.0.1:{port}/all.zip"), TestContext.Current.CancellationToken));
        Assert.Contains("cannot reach", refused.Message, StringComparison.Ordinal);

        var scheme = await Assert.ThrowsAsync<AdvisoryDownloadException>(() =>
            downloader.DownloadAsync(_scratch.Path, new Uri("ftp://127.0.0.1/all.zip"), TestContext.Current.CancellationToken));
        Assert.Contains("only http and https", scheme.Message, StringComparison.Ordinal);
    }

    /// <summary>A one-route HTTP server on 127.0.0.1 and a free port, serving what the handler returns.</summary>
    private sealed class LocalHttpServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Func<string, (int Status, byte[] Body)> _handler;
        private readonly Task _loop;
        private readonly int _port;

        public LocalHttpServer(Func<string, (int Status, byte[] Body)> handler)
        {
            _handler = handler;
            _port = FreePort();
            _listener.Prefixes.Add($"http://127.0.0.1:{_port}/");
            _listener.Start();
            _loop = Task.Run(ServeAsync);
        }

        public List<string> RequestedPaths { get; } = [];

        public Uri Url(string path) => new($"http://127.0.0.1:{_port}{path}");

        public static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                var path = context.Request.Url!.AbsolutePath;
                lock (RequestedPaths)
                {
                    RequestedPaths.Add(path);
                }

                var (status, body) = _handler(path);
                context.Response.StatusCode = status;
                context.Response.ContentLength64 = body.Length;
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
    }
}
