using Kingsnake.Project.Files;

namespace Kingsnake.Project;

/// <summary>
/// Where the project starts when the user did not say (run from a subdirectory, or given only file names): the closest
/// directory at or above the start that holds Kingsnake's or the project's configuration (<c>kingsnake.toml</c>,
/// <c>pyproject.toml</c>), as ruff finds its settings, or the top of a git work tree, as git does — whichever comes
/// first, so the search never leaves the repository for a stray <c>pyproject.toml</c> in a home directory. With none of
/// them, the start itself.
/// </summary>
public static class ProjectRoot
{
    private static readonly string[] Markers = ["kingsnake.toml", "pyproject.toml", ".git"];

    public static string Discover(string startDirectory)
    {
        var start = Path.GetFullPath(startDirectory);
        for (var directory = start; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            foreach (var marker in Markers)
            {
                var kind = NativeFiles.KindOf(Path.Combine(directory, marker));
                // .git is a directory, or a file in worktrees and submodules; the configuration files must be files
                if (kind == EntryKind.Regular || (marker == ".git" && kind == EntryKind.Directory))
                {
                    return directory;
                }
            }
        }

        return AboveGithubDirectory(start) ?? start;
    }

    /// <summary>
    /// The directory holding the nearest <c>.github</c> directory on <paramref name="fullPath"/>, or null. Workflows and
    /// actions are read by their place under a repository's <c>.github</c>, so a path inside one belongs to the
    /// project above it, even where no marker file or <c>.git</c> says so.
    /// </summary>
    public static string? AboveGithubDirectory(string fullPath)
    {
        for (var directory = fullPath; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (Path.GetFileName(directory) == ".github")
            {
                return Path.GetDirectoryName(directory);
            }
        }

        return null;
    }

    /// <summary>The deepest directory that holds every one of <paramref name="fullPaths"/> (a file counts by its directory).</summary>
    public static string CommonDirectory(IReadOnlyList<string> fullPaths)
    {
        string? common = null;
        foreach (var path in fullPaths)
        {
            var directory = NativeFiles.KindOf(path) == EntryKind.Directory ? path : Path.GetDirectoryName(path) ?? path;
            common = common is null ? directory : Shared(common, directory);
        }

        return common ?? Path.GetPathRoot(Environment.CurrentDirectory) ?? "/";
    }

    private static string Shared(string a, string b)
    {
        // every absolute path is under the filesystem root, where this ends at the latest
        while (!Walking.PathConfinement.IsUnder(b, a))
        {
            a = Path.GetDirectoryName(a) ?? a;
        }

        return a;
    }
}
