using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kingsnake.Packaging.Tests.Oracle;

/// <summary>
/// Runs pip's vendored packaging 24.1 (CPython 3.13 under pyenv, present on every machine and in CI) over a
/// batch of cases in one process and returns its answers, one per case, in order.
/// </summary>
internal static class PackagingOracle
{
    public const string PythonPath = "/root/.pyenv/versions/3.13.0/bin/python3";

    public static List<JsonObject> Run(IReadOnlyList<JsonObject> cases)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Oracle", "packaging_oracle.py");
        if (!File.Exists(PythonPath))
        {
            throw new InvalidOperationException($"The oracle interpreter {PythonPath} is missing; it is required for the differential tests.");
        }

        var start = new ProcessStartInfo(PythonPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("-X");
        start.ArgumentList.Add("utf8");
        start.ArgumentList.Add(script);
        start.Environment["PYTHONHASHSEED"] = "0";
        start.Environment["PYTHONIOENCODING"] = "utf-8";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the oracle.");
        var stderr = process.StandardError.ReadToEndAsync();
        var writer = Task.Run(() =>
        {
            foreach (var item in cases)
            {
                process.StandardInput.Write(item.ToJsonString());
                process.StandardInput.Write('\n');
            }

            process.StandardInput.Close();
        });

        var answers = new List<JsonObject>(cases.Count);
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            answers.Add(JsonNode.Parse(line)!.AsObject());
        }

        writer.GetAwaiter().GetResult();
        process.WaitForExit();
        if (process.ExitCode != 0 || answers.Count != cases.Count)
        {
            throw new InvalidOperationException(
                $"Oracle failed (exit {process.ExitCode}, {answers.Count}/{cases.Count} answers): {stderr.GetAwaiter().GetResult()}");
        }

        return answers;
    }

    public static JsonObject Case(string kind, params (string Key, JsonNode? Value)[] fields)
    {
        var item = new JsonObject { ["kind"] = kind };
        foreach (var (key, value) in fields)
        {
            item[key] = value;
        }

        return item;
    }

    public static bool IsError(JsonObject answer) => answer.ContainsKey("error");

    public static string Show(string text) => JsonSerializer.Serialize(text);
}

/// <summary>Collects disagreements with the oracle and fails with the first few.</summary>
internal sealed class Disagreements(string what)
{
    private readonly List<string> _items = [];
    private int _compared;

    public void Compare(string input, string field, object? expected, object? actual)
    {
        _compared++;
        if (!Equals(expected, actual))
        {
            _items.Add($"{input}: {field}: oracle {Format(expected)} vs ours {Format(actual)}");
        }
    }

    public void Add(string message) => _items.Add(message);

    public void AssertNone()
    {
        if (_items.Count > 0)
        {
            Assert.Fail($"{_items.Count} disagreement(s) with packaging 24.1 in {what} ({_compared} answers compared); first ones:\n"
                + string.Join('\n', _items.Take(20)));
        }

        Assert.True(_compared > 0, $"no {what} answers were compared");
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        string s => PackagingOracle.Show(s),
        bool b => b ? "true" : "false",
        _ => value.ToString() ?? "null",
    };
}
