using System.Diagnostics;
using System.Text.Json;

namespace Kingsnake.Dependencies.Tests.RealFiles;

/// <summary>
/// Dependency files on this machine that no one on the project wrote (pyenv's build scripts, the Google Cloud SDK's
/// vendored projects, Debian's docs, npm's node-gyp), and the reference readings of them made by
/// <c>Oracle/reference_readers.py</c> with pip's own parser, Python's tomllib/json and pip's vendored packaging.
/// </summary>
public static class RealFileCorpus
{
    /// <summary>The interpreter whose vendored pip (24.2) and packaging are the reference; pyenv is on every machine.</summary>
    public const string Python = "/root/.pyenv/versions/3.13.0/bin/python3";

    /// <summary>Folders searched; all come with the machine image.</summary>
    public static readonly string[] Roots =
    [
        "/root/.pyenv",
        "/usr/share/doc",
        "/usr/lib/google-cloud-sdk",
        "/usr/lib/python3",
        "/usr/lib/node_modules",
    ];

    /// <summary>requirements*.txt, *requirements*.txt, and .txt/.in files inside a folder named requirements*.</summary>
    public static List<string> RequirementsFiles() => Find(path =>
    {
        var name = Path.GetFileName(path);
        var folder = Path.GetFileName(Path.GetDirectoryName(path)!);
        return (name.Contains("requirements", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
            || (folder.StartsWith("requirements", StringComparison.OrdinalIgnoreCase)
                && (name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".in", StringComparison.OrdinalIgnoreCase)));
    });

    public static List<string> PyProjectFiles() => Find(path => Path.GetFileName(path) == "pyproject.toml");

    public static List<string> PipfileLocks() => Find(path => Path.GetFileName(path) == "Pipfile.lock");

    private static List<string> Find(Func<string, bool> wanted)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.ReparsePoint, // symlinked folders could loop or repeat files
        };
        var found = new List<string>();
        foreach (var root in Roots.Where(Directory.Exists))
        {
            found.AddRange(Directory.EnumerateFiles(root, "*", options).Where(wanted));
        }

        found.Sort(StringComparer.Ordinal);
        return found;
    }

    /// <summary>Runs the reference script once over <paramref name="files"/> in <paramref name="mode"/>; the "files" array it prints.</summary>
    public static JsonElement Reference(string mode, IReadOnlyList<string> files)
    {
        Assert.True(File.Exists(Python), $"the reference interpreter {Python} is missing");
        var script = Path.Combine(AppContext.BaseDirectory, "Oracle", "reference_readers.py");
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add("-I"); // no user site, no PYTHON* variables: the same reading everywhere
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(mode);
        foreach (var file in files)
        {
            start.ArgumentList.Add(file);
        }

        // pip must not read a user's pip.conf or PIP_* settings either.
        start.Environment["PIP_CONFIG_FILE"] = "/dev/null";
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("PIP_", StringComparison.Ordinal) && k != "PIP_CONFIG_FILE").ToList())
        {
            start.Environment.Remove(key);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "the reference script did not finish in 60 s");
        Assert.True(process.ExitCode == 0, $"the reference script failed: {stderr.Result}");
        using var document = JsonDocument.Parse(output);
        return document.RootElement.GetProperty("files").Clone();
    }
}
