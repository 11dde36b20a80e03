using MAB.DotIgnore;

namespace Kingsnake.Core.Configuration;

/// <summary>
/// Checks a gitignore-style path pattern (configuration <c>exclude</c> and <c>per-file-ignores</c>, Bandit's
/// <c>exclude_dirs</c>) when the configuration is read, so that a malformed one is an error naming its file and line
/// instead of a crash in the middle of the run or a pattern that silently matches nothing.
/// </summary>
public static class GlobPattern
{
    /// <summary>Why <paramref name="pattern"/> is not a usable pattern, or null when it is.</summary>
    public static string? Problem(string pattern)
    {
        if (pattern.Trim().Length == 0)
        {
            return "an empty pattern matches nothing";
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '\\':
                    if (i + 1 == pattern.Length)
                    {
                        return $"pattern '{pattern}' ends with a lone backslash";
                    }

                    i++;
                    break;
                case '[':
                    var close = ClassEnd(pattern, i);
                    if (close < 0)
                    {
                        return $"pattern '{pattern}': the '[' at position {i + 1} opens a character class that is never closed (write '\\[' for a literal bracket)";
                    }

                    i = close;
                    break;
            }
        }

        // What the matcher itself refuses (a reversed range such as [z-a]) is caught the same way.
        try
        {
            _ = new IgnoreList([pattern]).IsIgnored("probe/file.py", false);
        }
        catch (ArgumentException ex)
        {
            return $"pattern '{pattern}' is not a valid gitignore-style pattern ({ex.Message})";
        }

        return null;
    }

    /// <summary>The index of the ']' closing the class opened at <paramref name="open"/>, or -1. A ']' first in the class is a member.</summary>
    private static int ClassEnd(string pattern, int open)
    {
        var i = open + 1;
        if (i < pattern.Length && pattern[i] is '!' or '^')
        {
            i++;
        }

        if (i < pattern.Length && pattern[i] == ']')
        {
            i++;
        }

        for (; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\')
            {
                i++;
            }
            else if (pattern[i] == ']')
            {
                return i;
            }
        }

        return -1;
    }
}
