namespace Kingsnake.Packaging.Tests.Licenses;

/// <summary>Files of shared/data beside the repository (a developer's machine and CI alike), found by walking up from the test binary.</summary>
internal static class SharedData
{
    private static readonly Lazy<string> Root = new(Find);

    /// <summary>The full path of <paramref name="relative"/> under shared/data; the test fails when it is missing.</summary>
    public static string File(string relative)
    {
        var path = Path.Combine(Root.Value, relative);
        Assert.True(System.IO.File.Exists(path), $"{path} is missing");
        return path;
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "data"), Path.Combine(dir.FullName, "..", "shared", "data") })
            {
                if (Directory.Exists(Path.Combine(candidate, "schemas")))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        throw new InvalidOperationException("cannot find shared/data above " + AppContext.BaseDirectory);
    }
}
