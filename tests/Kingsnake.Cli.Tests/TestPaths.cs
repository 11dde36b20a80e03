namespace Kingsnake.Cli.Tests;

/// <summary>Where the real corpora are, on a developer's machine and in CI (a clone with shared/ beside it).</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string SharedData { get; } = FindSharedData();

    public static string AdvisoryDatabase => Path.Combine(SharedData, "pypa-advisory-database");

    public const string Python311SitePackages = "/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages";

    public const string DebianDistPackages = "/usr/lib/python3/dist-packages";

    /// <summary>Has PyYAML; the reference script loads packaging 24.1 from CPython 3.13's pip.</summary>
    public const string ReferencePython = "/root/.pyenv/versions/3.11.7/bin/python3";

    private static string FindRepoRoot()
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

    private static string FindSharedData()
    {
        for (var dir = new DirectoryInfo(RepoRoot); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "data"), Path.Combine(dir.FullName, "..", "shared", "data") })
            {
                if (Directory.Exists(Path.Combine(candidate, "pypa-advisory-database")))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        throw new InvalidOperationException("cannot find shared/data beside the repository");
    }
}
