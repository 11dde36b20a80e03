namespace Kingsnake.Benchmarks;

internal static class SharedData
{
    /// <summary>The shared/data folder beside the repository (or above it).</summary>
    public static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "data"), Path.Combine(dir.FullName, "..", "shared", "data") })
            {
                if (Directory.Exists(Path.Combine(candidate, "pypa-advisory-database")))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        throw new InvalidOperationException("cannot find shared/data");
    }
}
