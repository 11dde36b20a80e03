using Kingsnake.Posture.Scoring;
using Kingsnake.Project;

namespace Kingsnake.Posture.Tests.Scorecard;

/// <summary>A small project written to a temporary directory for one test, removed afterwards.</summary>
public sealed class TempTree : IDisposable
{
    public static readonly DateTimeOffset FixedNow = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public TempTree()
    {
        Root = Path.Combine(Path.GetTempPath(), "ks-scfiles-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Writes a text file (relative path, '/'-separated); returns this tree for chaining.</summary>
    public TempTree Write(string relativePath, string text)
    {
        var full = Full(relativePath);
        File.WriteAllText(full, text);
        return this;
    }

    public TempTree WriteBytes(string relativePath, byte[] bytes)
    {
        File.WriteAllBytes(Full(relativePath), bytes);
        return this;
    }

    /// <summary>A posture context over the tree as it is now (no repository, a fixed time).</summary>
    public PostureContext Context(Func<Kingsnake.Core.Auditing.AuditResult?>? dependencyAudit = null) =>
        new(PostureContext.OpenProject(Root), repository: null, now: FixedNow, dependencyAudit);

    public CheckResult Run(IPostureCheck check) => check.Run(Context());

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp directory is harmless
        }
    }

    private string Full(string relativePath)
    {
        var full = Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return full;
    }
}
