namespace Kingsnake.Dependencies.Tests.Support;

/// <summary>Paths to the hand-written files under Data/ (copied beside the test assembly).</summary>
public static class TestData
{
    public static string Directory(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    public static string File(string folder, string fileName) => Path.Combine(Directory(folder), fileName);
}
