using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Tests.Python;

/// <summary>A project written to a temporary directory file by file, scored at a fixed time; deleted on dispose.</summary>
internal sealed class PythonProject : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    public PythonProject()
    {
        Root = Path.Combine(Path.GetTempPath(), "ks-posture-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public PythonProject With(string relativePath, string text)
    {
        var full = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text.ReplaceLineEndings("\n"));
        return this;
    }

    public PostureContext Context(DateTimeOffset? now = null) => new(PostureContext.OpenProject(Root), null, now ?? Now);

    public CheckResult Run(IPostureCheck check, DateTimeOffset? now = null) => PostureRunner.RunOne(Context(now), check);

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
