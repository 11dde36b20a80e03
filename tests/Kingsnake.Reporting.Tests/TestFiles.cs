using System.Text;

namespace Kingsnake.Reporting.Tests;

/// <summary>Locates files of the test project and compares output with the expected files kept in Expected/.</summary>
internal static class TestFiles
{
    public static string ProjectDirectory { get; } = FindProjectDirectory();

    /// <summary>
    /// Compares <paramref name="actual"/> with Expected/<paramref name="name"/> whole. On a difference the actual
    /// text is written beside the test binaries (name.actual) for review, and the first differing line is reported.
    /// </summary>
    public static void AssertMatchesExpected(string name, string actual)
    {
        var expectedPath = Path.Combine(ProjectDirectory, "Expected", name);
        var actualPath = Path.Combine(AppContext.BaseDirectory, name + ".actual");
        var expected = File.Exists(expectedPath) ? File.ReadAllText(expectedPath, Encoding.UTF8) : null;
        if (expected == actual)
        {
            return;
        }

        File.WriteAllText(actualPath, actual, new UTF8Encoding(false));
        if (expected is null)
        {
            Assert.Fail($"no expected file {expectedPath}; the output was written to {actualPath}");
        }

        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end>";
            var a = i < actualLines.Length ? actualLines[i] : "<end>";
            if (e != a)
            {
                Assert.Fail($"{name} differs at line {i + 1}:\nexpected: {e}\nactual:   {a}\n(full output in {actualPath})");
            }
        }
    }

    private static string FindProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Kingsnake.Reporting.Tests");
            if (File.Exists(Path.Combine(candidate, "Kingsnake.Reporting.Tests.csproj")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/Kingsnake.Reporting.Tests not found above " + AppContext.BaseDirectory);
    }
}
