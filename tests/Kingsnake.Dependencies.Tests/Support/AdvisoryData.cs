namespace Kingsnake.Dependencies.Tests.Support;

/// <summary>The real PyPA advisory database in shared/data beside the repository (a developer's machine and CI alike).</summary>
public static class AdvisoryData
{
    private static readonly Lazy<string> PypaDatabase = new(Find);

    public static string Path => PypaDatabase.Value;

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { System.IO.Path.Combine(dir.FullName, "shared", "data"), System.IO.Path.Combine(dir.FullName, "..", "shared", "data") })
            {
                var database = System.IO.Path.Combine(candidate, "pypa-advisory-database");
                if (Directory.Exists(database))
                {
                    return System.IO.Path.GetFullPath(database);
                }
            }
        }

        throw new InvalidOperationException("cannot find shared/data/pypa-advisory-database above " + AppContext.BaseDirectory);
    }
}
