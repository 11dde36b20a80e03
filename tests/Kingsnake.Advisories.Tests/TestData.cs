namespace Kingsnake.Advisories.Tests;

/// <summary>Locates the shared corpora and makes scratch directories for tests.</summary>
internal static class TestData
{
    private static readonly Lazy<string> SharedData = new(FindSharedData);

    /// <summary>The PyPA advisory database's <c>vulns</c> directory.</summary>
    public static string PypaVulns => Path.Combine(SharedData.Value, "pypa-advisory-database", "vulns");

    public static string PypaRecord(string project, string id) => Path.Combine(PypaVulns, project, id + ".yaml");

    /// <summary>A fresh empty directory under the temp folder, deleted by the returned handle.</summary>
    public static ScratchDirectory Scratch() => new();

    private static string FindSharedData()
    {
        // The repo's CI clones into another folder with shared/ beside the clone: walk up and look both ways.
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(directory.FullName, "shared", "data"), Path.Combine(directory.FullName, "..", "shared", "data") })
            {
                if (Directory.Exists(Path.Combine(candidate, "pypa-advisory-database")))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        throw new InvalidOperationException("shared/data not found above " + AppContext.BaseDirectory);
    }
}

internal sealed class ScratchDirectory : IDisposable
{
    public ScratchDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kingsnake-adv-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string relativePath, string content)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
