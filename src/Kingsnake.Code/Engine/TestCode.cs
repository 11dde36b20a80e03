namespace Kingsnake.Code.Engine;

/// <summary>
/// Which files are test code: named as pytest and unittest discover them (<c>test_*.py</c>, <c>*_test.py</c>,
/// <c>conftest.py</c>, <c>tests.py</c>), under a <c>test</c>/<c>tests</c>/<c>testing</c> directory, or under a directory
/// the project's own configuration names as where its tests live (pytest's <c>testpaths</c>).
/// </summary>
public static class TestCode
{
    /// <summary>True when <paramref name="path"/> (relative, '/'-separated) is test code.</summary>
    /// <param name="testDirectories">Project-relative directories the configuration marks as tests.</param>
    public static bool Contains(string path, IReadOnlyList<string>? testDirectories = null)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        if (name.StartsWith("test_", StringComparison.Ordinal) || name.EndsWith("_test.py", StringComparison.Ordinal) || name is "conftest.py" or "tests.py")
        {
            return true;
        }

        var start = 0;
        for (var slash = path.IndexOf('/'); slash >= 0; slash = path.IndexOf('/', start))
        {
            if (path.AsSpan(start, slash - start) is "test" or "tests" or "testing")
            {
                return true;
            }

            start = slash + 1;
        }

        foreach (var directory in testDirectories ?? [])
        {
            var trimmed = directory.Trim('/');
            if (trimmed.Length > 0 && trimmed != "." && path.StartsWith(trimmed, StringComparison.Ordinal) && path.Length > trimmed.Length && path[trimmed.Length] == '/')
            {
                return true;
            }
        }

        return false;
    }
}
