namespace Kingsnake.Code.Engine;

/// <summary>Bandit's <c>exclude_dirs</c>, applied to the project's Python files as Bandit applies it.</summary>
internal static class BanditExcludeDirs
{
    /// <summary>
    /// Bandit's <c>exclude_dirs</c>: a path is left out when an entry is a glob matching it, or names it or one of its
    /// parent directories (<c>tests</c> and <c>./tests/</c> both leave out <c>tests/x.py</c> and <c>a/tests/y.py</c>).
    /// </summary>
    internal static bool Matches(string relative, IReadOnlyList<string> excludes)
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
}
