using MAB.DotIgnore;

namespace Kingsnake.Code.Engine;

/// <summary>
/// Finds the Python files under a root: <c>*.py</c> and <c>*.pyw</c>, leaving out VCS, virtualenv, cache, build and
/// installed-package directories, the configuration's gitignore-style excludes and Bandit's <c>exclude_dirs</c>.
/// Directory links are not followed, so a link cycle cannot loop the walk.
/// </summary>
internal static class SourceDiscovery
{
    private static readonly HashSet<string> AlwaysSkipped = new(StringComparer.Ordinal) { ".git", ".hg", ".svn", ".bzr", "CVS", "__pycache__" };

    private static readonly HashSet<string> EnvironmentDirectories = new(StringComparer.Ordinal)
    {
        ".tox", ".nox", ".venv", "venv", "node_modules", "site-packages", "build", ".eggs", ".mypy_cache", ".pytest_cache", ".ruff_cache",
    };

    /// <summary>Relative ('/'-separated) and full paths of the files to scan, sorted by relative path.</summary>
    public static List<(string Relative, string Full)> Find(string contextRoot, string scanRoot, IReadOnlyList<string> ignorePatterns, IReadOnlyList<string> banditExcludes, bool skipEnvironments, List<string> errors)
    {
        var ignore = ignorePatterns.Count == 0 ? null : new IgnoreList(ignorePatterns);
        var files = new List<(string, string)>();
        if (File.Exists(scanRoot))
        {
            files.Add((Relative(contextRoot, scanRoot), Path.GetFullPath(scanRoot)));
            return files;
        }

        var pending = new Stack<string>();
        pending.Push(Path.GetFullPath(scanRoot));
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(directory).EnumerateFileSystemInfos();
                entries = [.. entries];
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                errors.Add($"{Relative(contextRoot, directory)}: cannot list directory: {ex.Message}");
                continue;
            }

            foreach (var entry in entries)
            {
                var relative = Relative(contextRoot, entry.FullName);
                if (entry is DirectoryInfo)
                {
                    if (AlwaysSkipped.Contains(entry.Name) || (skipEnvironments && EnvironmentDirectories.Contains(entry.Name)) || entry.LinkTarget is not null
                        || (ignore?.IsIgnored(relative, true) ?? false) || IsBanditExcluded(relative, banditExcludes))
                    {
                        continue;
                    }

                    pending.Push(entry.FullName);
                }
                else if ((entry.Name.EndsWith(".py", StringComparison.Ordinal) || entry.Name.EndsWith(".pyw", StringComparison.Ordinal))
                    && !(ignore?.IsIgnored(relative, false) ?? false) && !IsBanditExcluded(relative, banditExcludes))
                {
                    files.Add((relative, entry.FullName));
                }
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return files;
    }

    /// <summary>
    /// Bandit's <c>exclude_dirs</c>: a path is left out when an entry is a glob matching it, or names it or one of its
    /// parent directories (<c>tests</c> and <c>./tests/</c> both leave out <c>tests/x.py</c> and <c>a/tests/y.py</c>).
    /// </summary>
    internal static bool IsBanditExcluded(string relative, IReadOnlyList<string> excludes)
    {
        foreach (var raw in excludes)
        {
            var entry = raw.Replace('\\', '/').Trim();
            while (entry.StartsWith("./", StringComparison.Ordinal))
            {
                entry = entry[2..];
            }

            entry = entry.Trim('/');
            if (entry.Length == 0)
            {
                continue;
            }

            if (entry.Contains('*') || entry.Contains('?'))
            {
                if (System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(entry, relative, ignoreCase: false))
                {
                    return true;
                }

                continue;
            }

            if (relative == entry || relative.StartsWith(entry + "/", StringComparison.Ordinal) || relative.Contains("/" + entry + "/", StringComparison.Ordinal) || relative.EndsWith("/" + entry, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    internal static string Relative(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
        return relative == "." ? Path.GetFileName(path) : relative;
    }
}
