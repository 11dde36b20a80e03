using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Kingsnake.Reporting.Tests;

/// <summary>
/// The OASIS SARIF 2.1.0 JSON schema, as shipped in the npm package @microsoft/jest-sarif (MIT). Nothing on this
/// machine carries it, so the first test run fetches that package from the npm registry into the repository's
/// git-ignored <c>.tools/</c> folder; later runs reuse it. The schema is draft-04; its only draft-04-specific
/// keyword is the top-level <c>id</c>, which is dropped so that JsonSchema.Net (draft 6 and later) reads it.
/// </summary>
internal static class OfficialSarifSchema
{
    private const string Package = "@microsoft/jest-sarif@1.0.0-beta.0";
    private const string SchemaInPackage = "package/lib/schemas/sarif-2.1.0-rtm.5.json";

    private static readonly Lazy<JsonSchema> Schema = new(Load);

    public static EvaluationResults Validate(string sarif)
    {
        using var document = JsonDocument.Parse(sarif);
        return Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
    }

    public static string Failures(EvaluationResults results) =>
        string.Join("\n", (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}")).Take(30));

    private static JsonSchema Load()
    {
        var tools = Path.Combine(RepositoryRoot(), ".tools", "sarif");
        var schemaPath = Path.Combine(tools, SchemaInPackage);
        if (!File.Exists(schemaPath))
        {
            Directory.CreateDirectory(tools);
            Run("npm", tools, "pack", Package, "--silent");
            var tarball = Directory.GetFiles(tools, "*.tgz").Single();
            Run("tar", tools, "xzf", tarball, SchemaInPackage);
        }

        var node = JsonNode.Parse(File.ReadAllText(schemaPath))!.AsObject();
        node.Remove("id"); // references inside are all local (#/definitions/...), so no base URI is needed

        node["$schema"] = "http://json-schema.org/draft-07/schema#";
        return JsonSchema.FromText(node.ToJsonString());
    }

    private static void Run(string program, string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {error.Result}");
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kingsnake.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }
}
