using System.Diagnostics;
using System.Text.Json;

namespace Kingsnake.Dependencies.Tests.Support;

/// <summary>Runs a real interpreter's <c>importlib.metadata</c> over a directory, as the independent reference.</summary>
public static class PythonOracle
{
    internal const string Script = """
        import sys, json, importlib.metadata as m
        print(json.dumps([[d.metadata['Name'], d.version] for d in m.distributions(path=[sys.argv[1]])]))
        """;

    /// <summary>(name, version) of every distribution importlib.metadata finds in <paramref name="directory"/>; null when the interpreter is missing.</summary>
    public static List<(string Name, string Version)>? Distributions(string python, string directory)
    {
        if (!File.Exists(python) || !Directory.Exists(directory))
        {
            return null;
        }

        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-I");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(directory);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit(60_000);
        Assert.Equal(0, process.ExitCode);
        return JsonSerializer.Deserialize<List<List<string>>>(output)!.Select(p => (p[0], p[1])).ToList();
    }
}
