using System.Diagnostics;

namespace Kingsnake.Project.Tests;

/// <summary>A throwaway directory tree for one test, with the special entries a hostile repository can hold.</summary>
internal sealed class TempTree : IDisposable
{
    public TempTree()
    {
        Root = Path.Combine(Path.GetTempPath(), "kingsnake-project-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Full(string relative) => Path.Combine(Root, relative);

    public string File(string relative, string text)
    {
        var full = Full(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllText(full, text);
        return full;
    }

    public string Link(string relative, string target)
    {
        var full = Full(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        System.IO.File.CreateSymbolicLink(full, target);
        return full;
    }

    /// <summary>A named pipe nobody writes to: opening it for reading the ordinary way waits forever.</summary>
    public string Fifo(string relative)
    {
        var full = Full(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [full]) { UseShellExecute = false })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return full;
    }

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
