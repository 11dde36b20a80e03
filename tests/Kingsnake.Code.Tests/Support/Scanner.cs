using System.Text;
using Kingsnake.Code.Configuration;
using Kingsnake.Code.Engine;
using Kingsnake.Core.Findings;

namespace Kingsnake.Code.Tests.Support;

/// <summary>Runs the code audit over a snippet and answers with (rule alias, line) pairs.</summary>
internal static class Scanner
{
    public static IReadOnlyList<Finding> Findings(string code, CodeCompatibility compatibility = CodeCompatibility.Kingsnake, BanditSettings? settings = null, string path = "app/main.py")
    {
        var result = CodeAuditor.AnalyzeSource(path, Encoding.UTF8.GetBytes(code), settings, compatibility);
        Assert.True(result.Parsed, result.Error?.ToString());
        Assert.Null(result.Error);
        return result.Findings;
    }

    /// <summary>Lines reported by the rule with Bandit id <paramref name="banditId"/>.</summary>
    public static int[] Lines(string banditId, string code, CodeCompatibility compatibility = CodeCompatibility.Kingsnake, BanditSettings? settings = null, string path = "app/main.py") =>
        [.. Findings(code, compatibility, settings, path).Where(f => f.Rule.Aliases.Contains(banditId)).Select(f => f.Location.StartLine)];

    public static Finding Single(string banditId, string code, CodeCompatibility compatibility = CodeCompatibility.Kingsnake) =>
        Assert.Single(Findings(code, compatibility), f => f.Rule.Aliases.Contains(banditId));

    public static int[] Both(string banditId, string code) =>
        Lines(banditId, code, CodeCompatibility.Bandit) is var bandit && Lines(banditId, code).SequenceEqual(bandit) ? bandit : throw new InvalidOperationException($"modes differ: bandit [{string.Join(",", bandit)}] kingsnake [{string.Join(",", Lines(banditId, code))}]");
}

internal sealed class TempTree : IDisposable
{
    public TempTree()
    {
        Root = Path.Combine(Path.GetTempPath(), "kingsnake-code-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public TempTree Write(string relative, string text)
    {
        var full = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return this;
    }

    public TempTree WriteBytes(string relative, byte[] bytes)
    {
        var full = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return this;
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
