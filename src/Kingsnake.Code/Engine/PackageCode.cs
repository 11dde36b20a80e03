namespace Kingsnake.Code.Engine;

/// <summary>
/// Which scanned files are the project's package code: modules in a directory with an <c>__init__.py</c> (the
/// importable packages users install), outside test directories and test modules. Tests, tools and scripts run on the
/// developer's own interpreter, so rules about the Python versions users run (PY810) judge only package code.
/// </summary>
internal static class PackageCode
{
    /// <summary>The directories (relative, '/'-separated, "" for the root) that hold an <c>__init__.py</c> among <paramref name="files"/>.</summary>
    public static HashSet<string> Directories(IEnumerable<string> files)
    {
        var directories = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var slash = file.LastIndexOf('/');
            if (file.AsSpan(slash + 1).SequenceEqual("__init__.py"))
            {
                directories.Add(slash < 0 ? "" : file[..slash]);
            }
        }

        return directories;
    }

    /// <summary>Whether <paramref name="file"/> sits in one of <paramref name="packageDirectories"/> and is not test code.</summary>
    public static bool Contains(HashSet<string> packageDirectories, string file)
    {
        var slash = file.LastIndexOf('/');
        if (!packageDirectories.Contains(slash < 0 ? "" : file[..slash]))
        {
            return false;
        }

        return !TestCode.Contains(file);
    }

    /// <summary>Whether the source carries a PEP 723 block (a line that is exactly <c># /// script</c>).</summary>
    public static bool HasScriptMetadata(ReadOnlySpan<byte> source)
    {
        ReadOnlySpan<byte> marker = "# /// script"u8;
        var at = 0;
        while (true)
        {
            var found = source[at..].IndexOf(marker);
            if (found < 0)
            {
                return false;
            }

            var start = at + found;
            var end = start + marker.Length;
            var atLineStart = start == 0 || source[start - 1] == '\n';
            var atLineEnd = end == source.Length || source[end] is (byte)'\n' or (byte)'\r';
            if (atLineStart && atLineEnd)
            {
                return true;
            }

            at = end;
        }
    }
}
