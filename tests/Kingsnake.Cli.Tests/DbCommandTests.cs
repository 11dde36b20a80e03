using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kingsnake.Cli.Tests;

/// <summary><c>kingsnake db import|status|update</c>, and audits that use the database they leave in the cache.</summary>
public sealed class DbCommandTests
{
    private static string CopyOfPackages(params string[] packages)
    {
        var target = Directory.CreateTempSubdirectory("kingsnake-osv-").FullName;
        foreach (var package in packages)
        {
            var source = Path.Combine(TestPaths.AdvisoryDatabase, "vulns", package);
            var destination = Path.Combine(target, "vulns", package);
            Directory.CreateDirectory(destination);
            foreach (var file in Directory.GetFiles(source))
            {
                File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
            }
        }

        return target;
    }

    [Fact]
    public void Import_makes_the_current_database_that_audits_then_use()
    {
        var runner = new CliRunner();
        var source = CopyOfPackages("jinja2", "urllib3");
        var expectedRecords = Directory.GetFiles(source, "*.yaml", SearchOption.AllDirectories).Length;

        var import = runner.Run("db", "import", source);
        Assert.Equal(0, import.ExitCode);
        Assert.Contains($"records:         {expectedRecords} ", import.Output, StringComparison.Ordinal);

        var status = runner.Run("db", "status");
        Assert.Equal(0, status.ExitCode);
        Assert.Contains(source, status.Output, StringComparison.Ordinal);
        Assert.Contains("content hash:", status.Output, StringComparison.Ordinal);

        using var project = new TempProject().With("requirements.txt", "jinja2==2.11.2\n");
        var audit = runner.Run("audit", project.Root);
        Assert.Equal(1, audit.ExitCode);
        Assert.Contains("PYSEC-2021-66", audit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_without_a_database_exits_2_and_says_how_to_get_one_once()
    {
        var result = new CliRunner().Run("db", "status");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("kingsnake db update", result.Error, StringComparison.Ordinal);
        Assert.Equal(result.Error.IndexOf("kingsnake db update", StringComparison.Ordinal), result.Error.LastIndexOf("kingsnake db update", StringComparison.Ordinal));
    }

    [Fact]
    public void Status_lists_the_index_an_audit_compiled_through_db_with_its_newest_advisory()
    {
        var runner = new CliRunner();
        using var project = new TempProject().With("requirements.txt", "jinja2==2.11.2\n");
        Assert.Equal(1, runner.Run("audit", project.Root, "--db", TestPaths.AdvisoryDatabase).ExitCode);

        // no current database, but the compiled index is there: listed, with the age of its newest record
        var status = runner.Run("db", "status");
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("current:         none", status.Output, StringComparison.Ordinal);
        var line = Assert.Single(status.Output.Split('\n'), l => l.Contains(".idx", StringComparison.Ordinal));
        Assert.Contains("newest record 2024-10-10", line, StringComparison.Ordinal);
        Assert.Contains("from " + TestPaths.AdvisoryDatabase, line, StringComparison.Ordinal);
        Assert.StartsWith("  advisories-", line, StringComparison.Ordinal);

        // once imported it is the current one, marked in the list, and its path is printed once in the list
        Assert.Equal(0, runner.Run("db", "import", TestPaths.AdvisoryDatabase).ExitCode);
        var current = runner.Run("db", "status");
        Assert.Equal(0, current.ExitCode);
        Assert.StartsWith("* advisories-", Assert.Single(current.Output.Split('\n'), l => l.Contains(".idx  ", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Import_of_a_missing_path_exits_2()
    {
        var result = new CliRunner().Run("db", "import", "/no/such/osv/dir");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("kingsnake: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_downloads_an_osv_export_and_audits_use_it()
    {
        var zip = BuildOsvZip(("DEMO-2026-1.json", """
            {"id": "DEMO-2026-1", "modified": "2026-01-02T00:00:00Z", "summary": "Demo flaw",
             "aliases": ["CVE-2026-0001"],
             "affected": [{"package": {"ecosystem": "PyPI", "name": "Demo_Pkg"},
                           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.0"}]}]}]}
            """));
        using var server = new OneFileServer(zip);
        var runner = new CliRunner();

        var update = runner.Run("db", "update", "--url", server.Url);
        Assert.True(update.ExitCode == 0, update.ToString());
        Assert.Contains("records:         1 ", update.Output, StringComparison.Ordinal);

        using var project = new TempProject().With("requirements.txt", "demo-pkg==1.5\n");
        var audit = runner.Run("audit", project.Root);
        Assert.Equal(1, audit.ExitCode);
        Assert.Contains("DEMO-2026-1", audit.Output, StringComparison.Ordinal);
        Assert.Contains("2.0", audit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_from_a_server_that_fails_exits_2_with_the_reason()
    {
        using var server = new OneFileServer(null);
        var result = new CliRunner().Run("db", "update", "--url", server.Url);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("db update failed", result.Error, StringComparison.Ordinal);
    }

    private static byte[] BuildOsvZip(params (string Name, string Json)[] records)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, json) in records)
            {
                using var entry = archive.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(json));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Serves one body (or 404 when null) on a free loopback port, for as long as the test runs.</summary>
    private sealed class OneFileServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly byte[]? _body;
        private readonly Task _loop;

        public OneFileServer(byte[]? body)
        {
            _body = body;
            var port = FreePort();
            Url = $"http://127.0.0.1:{port}/PyPI/all.zip";
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            _loop = Task.Run(ServeAsync);
        }

        public string Url { get; }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                if (_body is null)
                {
                    context.Response.StatusCode = 404;
                }
                else
                {
                    context.Response.ContentType = "application/zip";
                    context.Response.ContentLength64 = _body.Length;
                    await context.Response.OutputStream.WriteAsync(_body);
                }

                context.Response.Close();
            }
        }

        private static int FreePort()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
    }
}
