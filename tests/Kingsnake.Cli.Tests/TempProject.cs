namespace Kingsnake.Cli.Tests;

/// <summary>A throwaway project directory with the files a test writes into it.</summary>
internal sealed class TempProject : IDisposable
{
    public TempProject() => Root = Directory.CreateTempSubdirectory("kingsnake-project-").FullName;

    public string Root { get; }

    public TempProject With(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return this;
    }

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
