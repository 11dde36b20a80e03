namespace Kingsnake.Project.Walking;

/// <summary>
/// Keeps every path Kingsnake reads inside the project root or inside what the user named on the command line.
/// Paths are judged after every link in them is resolved, so neither <c>../</c> nor a link can lead out.
/// </summary>
public sealed class PathConfinement
{
    private const int MaxLinks = 40;
    private readonly string _root;
    private readonly List<string> _allowed = [];

    public PathConfinement(string root, IEnumerable<string> userNamedPaths)
    {
        _root = RealPath(root) ?? Path.GetFullPath(root);
        _allowed.Add(_root);
        foreach (var named in userNamedPaths)
        {
            var real = RealPath(named);
            if (real is null)
            {
                continue;
            }

            // a named file brings its own directory (its includes sit beside it); a named directory itself
            _allowed.Add(File.Exists(real) ? Path.GetDirectoryName(real)! : real);
        }
    }

    /// <summary>The project root with every link resolved.</summary>
    public string Root => _root;

    /// <summary>True when <paramref name="fullPath"/>, links resolved, is the root or under an allowed directory.</summary>
    public bool IsInside(string fullPath)
    {
        var real = RealPath(fullPath);
        return real is not null && _allowed.Any(a => IsUnder(real, a));
    }

    /// <summary>True when <paramref name="fullPath"/>, links resolved, is under the project root itself.</summary>
    public bool IsInsideRoot(string fullPath)
    {
        var real = RealPath(fullPath);
        return real is not null && IsUnder(real, _root);
    }

    /// <summary>True when the full path <paramref name="path"/> is <paramref name="directory"/> or lies under it (as written; links not resolved).</summary>
    public static bool IsUnder(string path, string directory) =>
        path.Equals(directory, StringComparison.Ordinal)
        || (path.StartsWith(directory, StringComparison.Ordinal) && (directory.EndsWith(Path.DirectorySeparatorChar) || path[directory.Length] == Path.DirectorySeparatorChar));

    /// <summary>
    /// <paramref name="path"/> made absolute with every link in it resolved, component by component (as
    /// <c>realpath</c> does); a final component that does not exist is kept as it is. Null for a link loop or a link
    /// chain longer than 40.
    /// </summary>
    public static string? RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "/";
        var pending = new Stack<string>(full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse());
        var current = root;
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }

            var next = Path.Combine(current, part);
            FileSystemInfo info = new FileInfo(next);
            string? target;
            try
            {
                target = info.LinkTarget;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                target = null;
            }

            if (target is null)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                return null;
            }

            var resolved = Path.IsPathRooted(target) ? Path.GetFullPath(target) : Path.GetFullPath(Path.Combine(current, target));
            var resolvedRoot = Path.GetPathRoot(resolved) ?? root;
            foreach (var piece in resolved[resolvedRoot.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                pending.Push(piece);
            }

            current = resolvedRoot;
        }

        return current;
    }
}
