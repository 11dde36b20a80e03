using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Kingsnake.Cli.Tests;

/// <summary>
/// Each file of a project is opened once per run, whatever number of areas read it: counted from the system calls of
/// the real command (<c>strace -f -e trace=openat</c>) auditing a small realistic project with every area on.
/// </summary>
public sealed partial class OpenOnceTests
{
    private static readonly string[] ProjectFiles =
    [
        "pyproject.toml", "requirements.txt", ".gitignore", ".github/workflows/ci.yml", "src/shop/__init__.py", "src/shop/payments.py",
        "src/shop/tasks.py", "tests/test_payments.py",
    ];

    [Fact]
    public async Task Every_project_file_is_opened_once_by_a_whole_audit()
    {
        using var project = new TempProject()
            .With("pyproject.toml", """
                [project]
                name = "shop"
                version = "1.0"
                requires-python = ">=3.9"
                dependencies = ["requests>=2.0", "jinja2==2.7.1"]

                [tool.ruff.lint]
                select = ["S"]
                per-file-ignores = { "tests/**" = ["S101", "S105"] }
                """)
            .With("requirements.txt", "requests==2.19.0\n-r requirements-extra.txt\n")
            .With("requirements-extra.txt", "urllib3==1.24.1\n")
            .With(".gitignore", "build/\n*.egg-info/\n")
            .With(".github/workflows/ci.yml", "on: pull_request_target\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"${{ github.event.pull_request.title }}\"\n")
            .With("src/shop/__init__.py", "")
            .With("src/shop/payments.py", "import hashlib\n\n\ndef token(order):\n    return hashlib.md5(order.encode()).hexdigest()  # noqa: S324\n")
            .With("src/shop/tasks.py", "import subprocess\n\n\ndef run(cmd):\n    return subprocess.call(cmd, shell=True)\n")
            .With("tests/test_payments.py", "from shop.payments import token\n\n\ndef test_token():\n    assert token('x')\n    password = 'hunter2'\n");
        var trace = Path.Combine(project.Root, "..", Path.GetFileName(project.Root) + ".strace");
        var cli = Path.Combine(AppContext.BaseDirectory, "kingsnake.dll");
        var start = new ProcessStartInfo("strace", ["-ff", "-qq", "-e", "trace=openat", "-o", trace, "dotnet", "exec", cli, "audit", project.Root, "--db", TestPaths.AdvisoryDatabase, "--format", "json"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["KINGSNAKE_CACHE_DIR"] = Directory.CreateTempSubdirectory("kingsnake-cache-").FullName;
        using (var process = Process.Start(start)!)
        {
            var outputTask = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            var output = await outputTask;
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(process.ExitCode == 1, $"exit {process.ExitCode}\n{error}");
            Assert.Contains("PY602", output, StringComparison.Ordinal); // every area ran and found its finding
            Assert.Contains("GHA001", output, StringComparison.Ordinal);
            Assert.Contains("DEP001", output, StringComparison.Ordinal);
        }

        var opens = new Dictionary<string, int>(StringComparer.Ordinal);
        // -ff: one file per thread, so no call is split into "<unfinished ...>" and "resumed" lines by another thread's
        foreach (var line in Directory.EnumerateFiles(Path.GetDirectoryName(trace)!, Path.GetFileName(trace) + ".*").SelectMany(File.ReadLines))
        {
            var match = OpenAt().Match(line);
            if (match.Success && !match.Groups["flags"].Value.Contains("O_DIRECTORY", StringComparison.Ordinal) && match.Groups["path"].Value.StartsWith(project.Root + "/", StringComparison.Ordinal))
            {
                var relative = match.Groups["path"].Value[(project.Root.Length + 1)..];
                opens[relative] = opens.GetValueOrDefault(relative) + 1;
            }
        }

        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(trace)!, Path.GetFileName(trace) + ".*"))
        {
            File.Delete(file);
        }

        foreach (var file in ProjectFiles.Append("requirements-extra.txt"))
        {
            Assert.True(opens.GetValueOrDefault(file) == 1, $"{file} opened {opens.GetValueOrDefault(file)} times; all opens: {string.Join(", ", opens.Select(o => $"{o.Key}={o.Value}"))}");
        }

        Assert.All(opens, o => Assert.True(o.Value == 1, $"{o.Key} opened {o.Value} times"));
    }

    /// <summary>A successful <c>openat</c> of a path, as strace prints it: <c>PID openat(AT_FDCWD, "PATH", FLAGS) = FD</c>.</summary>
    [GeneratedRegex("""openat\(AT_FDCWD, "(?<path>[^"]+)", (?<flags>[^,)]+)[^=]*= \d+""")]
    private static partial Regex OpenAt();
}
