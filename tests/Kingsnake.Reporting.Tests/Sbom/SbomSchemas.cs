using System.Text.Json;
using Json.Schema;

namespace Kingsnake.Reporting.Tests.Sbom;

/// <summary>
/// The official CycloneDX 1.6 and 1.7 JSON schemas and the SPDX 2.3 JSON schema, from the shared data folder beside
/// the repository (<c>../shared/data/schemas/</c> from the directory holding Kingsnake.slnx). CycloneDX's sibling
/// schemas (<c>spdx.schema.json</c>, <c>jsf-0.82.schema.json</c>, <c>cryptography-defs.schema.json</c>) are registered
/// by their <c>$id</c>, so the relative <c>$ref</c>s resolve offline. Formats (date-time, idn-email, iri-reference)
/// are checked. This file is linked into every test project that writes SBOMs.
/// </summary>
internal static class SbomSchemas
{
    private static readonly Lazy<BuildOptions> CycloneDxOptions = new(LoadCycloneDxSiblings);
    private static readonly Lazy<JsonSchema> CycloneDx16 = new(() => LoadCycloneDx("bom-1.6.schema.json"));
    private static readonly Lazy<JsonSchema> CycloneDx17 = new(() => LoadCycloneDx("bom-1.7.schema.json"));
    private static readonly Lazy<JsonSchema> Spdx23 = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(SchemaDirectory, "spdx", "spdx-2.3-schema.json")), new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    public static string SchemaDirectory => Path.Combine(RepositoryRoot(), "..", "shared", "data", "schemas");

    /// <summary>Validates CycloneDX JSON against the schema of its own <c>specVersion</c> (1.6 or 1.7).</summary>
    public static EvaluationResults ValidateCycloneDx(string json)
    {
        using var document = JsonDocument.Parse(json);
        var specVersion = document.RootElement.GetProperty("specVersion").GetString();
        var schema = specVersion switch
        {
            "1.6" => CycloneDx16.Value,
            "1.7" => CycloneDx17.Value,
            _ => throw new InvalidOperationException($"no schema for CycloneDX {specVersion}"),
        };
        return schema.Evaluate(document.RootElement, Options());
    }

    public static EvaluationResults ValidateSpdx(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Spdx23.Value.Evaluate(document.RootElement, Options());
    }

    /// <summary>Asserts <paramref name="json"/> is valid CycloneDX, showing the first failures otherwise.</summary>
    public static void AssertValidCycloneDx(string json)
    {
        var results = ValidateCycloneDx(json);
        Assert.True(results.IsValid, Failures(results));
    }

    public static void AssertValidSpdx(string json)
    {
        var results = ValidateSpdx(json);
        Assert.True(results.IsValid, Failures(results));
    }

    public static string Failures(EvaluationResults results) =>
        string.Join("\n", Flatten(results).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key} {e.Value}")).Distinct().Take(40));

    private static IEnumerable<EvaluationResults> Flatten(EvaluationResults results)
    {
        yield return results;
        foreach (var detail in results.Details ?? [])
        {
            foreach (var nested in Flatten(detail))
            {
                yield return nested;
            }
        }
    }

    private static EvaluationOptions Options() => new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private static BuildOptions LoadCycloneDxSiblings()
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        foreach (var sibling in (string[])["spdx.schema.json", "jsf-0.82.schema.json", "cryptography-defs.schema.json"])
        {
            var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(SchemaDirectory, "cyclonedx", sibling)), options);
            if (options.SchemaRegistry.Get(new Uri("http://cyclonedx.org/schema/" + sibling)) is null)
            {
                options.SchemaRegistry.Register(schema);
            }
        }

        return options;
    }

    private static JsonSchema LoadCycloneDx(string file)
    {
        var options = CycloneDxOptions.Value;
        lock (options)
        {
            return JsonSchema.FromText(File.ReadAllText(Path.Combine(SchemaDirectory, "cyclonedx", file)), options);
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
