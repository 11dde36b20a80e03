using System.Diagnostics;
using System.Text.Json;

namespace Kingsnake.Cli.Tests;

/// <summary>Runs Reference/reference_audit.py, the independent computation built on pip's packaging 24.1.</summary>
internal static class ReferenceAudit
{
    public static string Script => Path.Combine(AppContext.BaseDirectory, "Reference", "reference_audit.py");

    public static HashSet<(string Package, string Version, string Advisory)> ForEnvironments(params string[] environments) =>
        Run([Script, Path.Combine(TestPaths.AdvisoryDatabase, "vulns"), .. environments], null);

    /// <summary>Asks, for each (package, version, advisory) probe, whether that one record affects that version.</summary>
    public static HashSet<(string Package, string Version, string Advisory)> ForProbes(IEnumerable<(string Package, string Version, string Advisory)> probes)
    {
        var input = string.Join('\n', probes.Select(p => JsonSerializer.Serialize(new Dictionary<string, string> { ["package"] = p.Package, ["version"] = p.Version, ["advisory"] = p.Advisory })));
        return Run([Script, Path.Combine(TestPaths.AdvisoryDatabase, "vulns"), "--probes"], input + "\n");
    }

    private static HashSet<(string, string, string)> Run(string[] arguments, string? stdin)
    {
        var start = new ProcessStartInfo(TestPaths.ReferencePython)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"reference script failed ({process.ExitCode}): {stderr.Result}");
        }

        var result = new HashSet<(string, string, string)>();
        foreach (var line in stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            result.Add((root.GetProperty("package").GetString()!, root.GetProperty("version").GetString()!, root.GetProperty("advisory").GetString()!));
        }

        return result;
    }
}
