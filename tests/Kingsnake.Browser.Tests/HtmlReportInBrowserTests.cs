using System.Diagnostics;
using System.Text.Json;
using Kingsnake.Cli;
using Microsoft.Playwright;

namespace Kingsnake.Browser.Tests;

/// <summary>
/// The HTML report of a real audit, opened in a real browser (Debian's Chromium, driven by Playwright): what the page
/// shows must be what the JSON report of the same input says, its filters must work without a server, and opening it
/// must make no request at all, even though the audited files try to break out of the page.
/// </summary>
public sealed class HtmlReportInBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    private const string SitePackages = "/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages";

    /// <summary>Closes the report's script element and opens one of its own: it must stay text.</summary>
    private const string ScriptBreakout = "</script><script>alert(1)</script>";

    /// <summary>A file name that is a tag with a handler: it must stay text too.</summary>
    private const string HostileFileName = "<img src=x onerror=alert(2)>.py";

    [Fact]
    [Trait("Category", "Corpus")]
    [Trait("Category", "Browser")]
    public async Task Html_report_of_a_real_audit_shows_the_json_numbers_filters_and_loads_nothing()
    {
        var clock = Stopwatch.StartNew();
        var project = CreateProject();
        try
        {
            await CheckReportInBrowser(project, clock);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(project)!, recursive: true);
        }
    }

    private static async Task CheckReportInBrowser(string project, Stopwatch clock)
    {
        var json = Audit(project, "json");
        var htmlPath = Path.Combine(project, "..", "report.html");
        AuditToFile(project, "html", htmlPath);
        htmlPath = Path.GetFullPath(htmlPath);
        using var document = JsonDocument.Parse(json);
        var expected = document.RootElement;
        var expectedFindings = expected.GetProperty("findings").EnumerateArray().ToList();
        Log($"audits done in {clock.ElapsedMilliseconds} ms; {expectedFindings.Count} findings; HTML {new FileInfo(htmlPath).Length} bytes");

        // the input is as rich as it is meant to be: every area and several severities, or the comparison proves little
        Assert.True(expectedFindings.Count > 50, $"{expectedFindings.Count} findings");
        Assert.All(new[] { "DEP", "GHA", "PY" }, prefix => Assert.Contains(expectedFindings, f => RuleId(f).StartsWith(prefix, StringComparison.Ordinal)));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // Chromium's sandbox refuses to start as root, which is how CI runs; the page is our own file. A container's
            // small /dev/shm can crash the renderer on a long page.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();

        var fileUrl = new Uri(htmlPath).AbsoluteUri;
        var requests = new List<string>();
        var dialogs = new List<string>();
        var consoleErrors = new List<string>();
        // Every request is seen here, and anything but the report itself is refused and remembered.
        await context.RouteAsync("**/*", async route =>
        {
            var url = route.Request.Url;
            lock (requests)
            {
                requests.Add(url);
            }

            if (url == fileUrl)
            {
                await route.ContinueAsync();
            }
            else
            {
                await route.AbortAsync();
            }
        });
        page.Dialog += (_, dialog) =>
        {
            lock (dialogs)
            {
                dialogs.Add(dialog.Message);
            }

            _ = dialog.DismissAsync();
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (consoleErrors)
                {
                    consoleErrors.Add(message.Text);
                }
            }
        };

        await page.GotoAsync(fileUrl, new PageGotoOptions { WaitUntil = WaitUntilState.Load });

        // the totals the page shows are the JSON report's
        var summary = expected.GetProperty("summary");
        Assert.Equal(summary.GetProperty("findings").GetInt32(), await Count(page, "total"));
        foreach (var severity in summary.GetProperty("bySeverity").EnumerateObject())
        {
            Assert.Equal(severity.Value.GetInt32(), await Count(page, "severity:" + severity.Name));
        }

        foreach (var (area, prefix) in new[] { ("deps", "DEP"), ("workflows", "GHA"), ("code", "PY") })
        {
            Assert.Equal(expectedFindings.Count(f => RuleId(f).StartsWith(prefix, StringComparison.Ordinal)), await Count(page, "area:" + area));
        }

        // one visible entry per finding, the same rules at the same places
        var rows = page.Locator(".finding:visible");
        Assert.Equal(expectedFindings.Count, await rows.CountAsync());
        var shownFindings = await page.Locator(".finding").EvaluateAllAsync<string[]>(
            "els => els.map(e => e.querySelector('.rule code').textContent + ' ' + e.querySelector('.where code').textContent)");
        Assert.Equal(expectedFindings.Select(f => $"{RuleId(f)} {Location(f)}").Order(StringComparer.Ordinal), shownFindings.Order(StringComparer.Ordinal));

        // the dependency table: one row per vulnerable package with the JSON report's safe version
        var dependencyFindings = expectedFindings.Where(f => RuleId(f).StartsWith("DEP", StringComparison.Ordinal)).ToList();
        var tableRows = await page.Locator("#dependencies tr.dependency").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => Array.from(r.cells).map(c => c.textContent.trim()))");
        Assert.Equal(dependencyFindings.Count, tableRows.Length);
        foreach (var finding in dependencyFindings)
        {
            var properties = finding.GetProperty("properties");
            var row = Assert.Single(tableRows, r => r[0] == properties.GetProperty("package").GetString());
            Assert.Equal(properties.GetProperty("version").GetString(), row[1]);
            Assert.Equal(properties.TryGetProperty("fixed-in", out var fixedIn) ? fixedIn.GetString() : "no fixed release", row[4]);
            Assert.Equal(string.Join(", ", properties.GetProperty("advisories").EnumerateArray().Select(a => a.GetString())), row[2]);
        }

        // unticking a severity hides exactly its findings, and the count of shown findings follows
        var low = summary.GetProperty("bySeverity").GetProperty("low").GetInt32();
        Assert.True(low > 0);
        await page.Locator("#filters input[name=severity][value=low]").UncheckAsync();
        Assert.Equal(expectedFindings.Count - low, await rows.CountAsync());
        Assert.Equal(0, await page.Locator(".finding[data-severity=low]:visible").CountAsync());
        Assert.Equal((expectedFindings.Count - low).ToString(System.Globalization.CultureInfo.InvariantCulture), await page.Locator("#shown").TextContentAsync());
        await page.Locator("#filters input[name=severity][value=low]").CheckAsync();
        Assert.Equal(expectedFindings.Count, await rows.CountAsync());

        // unticking an area hides that area's findings
        await page.Locator("#filters input[name=area][value=code]").UncheckAsync();
        Assert.Equal(expectedFindings.Count(f => !RuleId(f).StartsWith("PY", StringComparison.Ordinal)), await rows.CountAsync());
        await page.Locator("#filters input[name=area][value=code]").CheckAsync();

        // the text search keeps the findings that mention the word: here the workflow's file name
        await page.Locator("#search").FillAsync("CI.YML");
        var workflowFindings = expectedFindings.Count(f => Location(f).StartsWith(".github/workflows/ci.yml", StringComparison.Ordinal));
        Assert.True(workflowFindings > 0);
        Assert.Equal(workflowFindings, await rows.CountAsync());
        await page.Locator("#search").FillAsync("");
        Assert.Equal(expectedFindings.Count, await rows.CountAsync());

        // the hostile file's text and name are shown as written, and nothing of them ran
        Assert.Contains(expectedFindings, f => Location(f).StartsWith(HostileFileName, StringComparison.Ordinal));
        Assert.Equal(1, await page.Locator("script").CountAsync());
        Assert.Equal(0, await page.Locator("img").CountAsync());
        var hostile = page.Locator(".finding", new PageLocatorOptions { HasText = HostileFileName });
        Assert.True(await hostile.CountAsync() > 0);
        Assert.Contains(ScriptBreakout, await hostile.First.Locator("pre.excerpt").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains(await page.Locator(".finding .message").AllTextContentsAsync(), m => m.Contains(ScriptBreakout, StringComparison.Ordinal));
        Assert.Empty(dialogs);
        Assert.Empty(consoleErrors);

        var screenshot = Path.Combine(ArtifactDirectory(), "html-report.png");
        // the first screen (header, summary, charts): a full page of 1,500 findings is some 300,000 pixels tall, more
        // than the screenshot's time budget on two busy cores
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot });
        Log($"screenshot: {screenshot}");

        // nothing but the report itself was asked for, from start to screenshot
        Assert.Equal([fileUrl], requests.Distinct());
        Log($"test done in {clock.ElapsedMilliseconds} ms");
    }

    private static Task<int> Count(IPage page, string key) =>
        page.Locator($"[data-count=\"{key}\"]").TextContentAsync().ContinueWith(t => int.Parse(t.Result!.Trim(), System.Globalization.CultureInfo.InvariantCulture), TaskScheduler.Default);

    private static string RuleId(JsonElement finding) => finding.GetProperty("ruleId").GetString()!;

    /// <summary><c>path:line:col</c> as the reports write a location (the path alone for a whole file).</summary>
    private static string Location(JsonElement finding)
    {
        var location = finding.GetProperty("location");
        var path = location.GetProperty("path").GetString()!;
        return location.TryGetProperty("startLine", out var line)
            ? $"{path}:{line.GetInt32()}:{location.GetProperty("startColumn").GetInt32()}"
            : path;
    }

    /// <summary>
    /// A project with real code (four packages copied from CPython 3.11's site-packages; IPython alone gives well over the
    /// 400 findings the issue's bar names, as Bandit grades them), old pins with published
    /// advisories, a workflow that expands attacker-controlled text into a script, and a file whose name and text try
    /// to break out of the page.
    /// </summary>
    private static string CreateProject()
    {
        var root = Path.Combine(Directory.CreateTempSubdirectory("kingsnake-html-").FullName, "project");
        foreach (var package in new[] { "jinja2", "docker", "flask", "IPython" })
        {
            CopyTree(Path.Combine(SitePackages, package), Path.Combine(root, package));
        }

        File.WriteAllText(Path.Combine(root, "requirements.txt"), "jinja2==2.10\nrequests==2.19.0\npyyaml==5.3\ndjango==3.2.0\n");
        Directory.CreateDirectory(Path.Combine(root, ".github", "workflows"));
        File.WriteAllText(Path.Combine(root, ".github", "workflows", "ci.yml"), """
            on: pull_request_target
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                    with:
                      ref: ${{ github.event.pull_request.head.sha }}
                  - run: echo "${{ github.event.pull_request.title }}"
            """);
        File.WriteAllText(Path.Combine(root, HostileFileName), $"""
            import subprocess
            password = "{ScriptBreakout}"
            subprocess.call("echo '{ScriptBreakout}'", shell=True)
            """);
        return root;
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*.py"))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            if (Path.GetFileName(directory) != "__pycache__")
            {
                CopyTree(directory, Path.Combine(to, Path.GetFileName(directory)));
            }
        }
    }

    private static string Audit(string project, string format)
    {
        var (exit, output, error) = Run(project, ["audit", project, "--compat", "bandit", "--db", AdvisoryDatabase(), "--format", format, "--quiet"]);
        Assert.True(exit == 1, $"exit {exit}: {error}");
        return output;
    }

    private static void AuditToFile(string project, string format, string path)
    {
        var (exit, _, error) = Run(project, ["audit", project, "--compat", "bandit", "--db", AdvisoryDatabase(), "--format", format, "--output", path, "--quiet"]);
        Assert.True(exit == 1, $"exit {exit}: {error}");
    }

    /// <summary>The command line in-process, its advisory index cached beside the project (and deleted with it).</summary>
    private static (int Exit, string Output, string Error) Run(string project, string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole
        {
            Out = output,
            Error = error,
            OutputIsTerminal = false,
            Environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["KINGSNAKE_CACHE_DIR"] = Path.Combine(project, "..", "cache") },
        };
        var exit = Kingsnake.Cli.Program.Run(args, console);
        return (exit, output.ToString(), error.ToString());
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kingsnake.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the repository root (Kingsnake.slnx) above " + AppContext.BaseDirectory);
    }

    /// <summary>The PyPA advisory database in shared/data beside the clone (as CI lays it) or above it.</summary>
    private static string AdvisoryDatabase()
    {
        for (var dir = new DirectoryInfo(RepoRoot()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "pypa-advisory-database");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("cannot find shared/data/pypa-advisory-database beside the repository");
    }

    /// <summary>The test project's TestResults/ folder (git-ignored), where the screenshot is kept for a reader.</summary>
    private static string ArtifactDirectory()
    {
        var directory = Path.Combine(RepoRoot(), "tests", "Kingsnake.Browser.Tests", "TestResults");
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
