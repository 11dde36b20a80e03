using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Kingsnake.Reporting.Sbom;

/// <summary>
/// Writes a <see cref="BomDocument"/> as CycloneDX JSON (1.6 by default, or 1.7), indented, keys always in the same
/// order, so the same document gives the same bytes. Tools are the object form <c>{components:[…]}</c>; the
/// lifecycle is <c>metadata.lifecycles</c>; completeness is one <c>compositions</c> entry about the root's graph.
/// Licenses: 1.6 allows either one <c>{expression}</c> or a list of <c>{license:{id|name}}</c>, so a component whose
/// list holds an expression gets that expression alone (PEP 639: the expression wins); 1.7 writes the list as is.
/// <see cref="BomComponent.VersionSpecifier"/> (an unresolved requirement) is the property
/// <c>kingsnake:version-specifier</c>: 1.7's <c>versionRange</c> is only for external components.
/// </summary>
public sealed class CycloneDxWriter(CycloneDxVersion version = CycloneDxVersion.V1_6)
{
    public CycloneDxVersion Version { get; } = version;

    private string SpecVersion => Version == CycloneDxVersion.V1_7 ? "1.7" : "1.6";

    public void Write(BomDocument document, Stream output)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions
        {
            Indented = true,
            IndentSize = 2,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        writer.WriteStartObject();
        writer.WriteString("$schema", $"http://cyclonedx.org/schema/bom-{SpecVersion}.schema.json");
        writer.WriteString("bomFormat", "CycloneDX");
        writer.WriteString("specVersion", SpecVersion);
        writer.WriteString("serialNumber", "urn:uuid:" + document.SerialNumber.ToString("D", CultureInfo.InvariantCulture));
        writer.WriteNumber("version", Math.Max(1, document.Version));
        WriteMetadata(writer, document);

        writer.WriteStartArray("components");
        foreach (var component in document.Components)
        {
            WriteComponent(writer, component);
        }

        writer.WriteEndArray();

        writer.WriteStartArray("dependencies");
        foreach (var dependency in document.Dependencies)
        {
            writer.WriteStartObject();
            writer.WriteString("ref", dependency.Ref);
            writer.WriteStartArray("dependsOn");
            foreach (var target in dependency.DependsOn.Distinct(StringComparer.Ordinal))
            {
                writer.WriteStringValue(target);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartArray("compositions");
        writer.WriteStartObject();
        writer.WriteString("aggregate", document.Completeness switch
        {
            BomCompleteness.Complete => "complete",
            BomCompleteness.Incomplete => "incomplete",
            _ => "unknown",
        });
        writer.WriteStartArray("dependencies");
        writer.WriteStringValue(document.Root.Ref);
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();

        if (document.Vulnerabilities.Count > 0)
        {
            writer.WriteStartArray("vulnerabilities");
            foreach (var vulnerability in document.Vulnerabilities)
            {
                WriteVulnerability(writer, vulnerability);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>CycloneDX's date-time: UTC, to the second.</summary>
    public static string Timestamp(DateTimeOffset moment) =>
        moment.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private void WriteMetadata(Utf8JsonWriter writer, BomDocument document)
    {
        writer.WriteStartObject("metadata");
        writer.WriteString("timestamp", Timestamp(document.Timestamp));
        writer.WriteStartArray("lifecycles");
        writer.WriteStartObject();
        writer.WriteString("phase", document.Lifecycle switch
        {
            BomLifecycle.Design => "design",
            BomLifecycle.PreBuild => "pre-build",
            BomLifecycle.Build => "build",
            BomLifecycle.PostBuild => "post-build",
            _ => "operations",
        });
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteStartObject("tools");
        writer.WriteStartArray("components");
        writer.WriteStartObject();
        writer.WriteString("type", "application");
        writer.WriteString("name", document.ToolName);
        writer.WriteString("version", document.ToolVersion);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WritePropertyName("component");
        WriteComponent(writer, document.Root);
        writer.WriteEndObject();
    }

    private void WriteComponent(Utf8JsonWriter writer, BomComponent component)
    {
        writer.WriteStartObject();
        writer.WriteString("type", component.Type);
        writer.WriteString("bom-ref", component.Ref);
        if (component.Supplier is { } supplier)
        {
            writer.WriteStartObject("supplier");
            if (supplier.Name is { } supplierName)
            {
                writer.WriteString("name", supplierName);
            }

            if (supplier.Email is not null)
            {
                writer.WriteStartArray("contact");
                WriteContact(writer, supplier);
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        if (component.Authors.Count > 0)
        {
            writer.WriteStartArray("authors");
            foreach (var author in component.Authors)
            {
                WriteContact(writer, author);
            }

            writer.WriteEndArray();
        }

        writer.WriteString("name", component.Name);
        if (component.Version is { } componentVersion)
        {
            writer.WriteString("version", componentVersion);
        }

        if (component.Description is { } description)
        {
            writer.WriteString("description", description);
        }

        writer.WriteString("scope", component.Scope switch
        {
            BomScope.Optional => "optional",
            BomScope.Excluded => "excluded",
            _ => "required",
        });
        WriteHashes(writer, component.Hashes);
        WriteLicenses(writer, component.Licenses);
        if (component.Purl is { } purl)
        {
            writer.WriteString("purl", purl);
        }

        if (component.ExternalReferences.Count > 0)
        {
            writer.WriteStartArray("externalReferences");
            foreach (var reference in component.ExternalReferences)
            {
                writer.WriteStartObject();
                writer.WriteString("url", reference.Url);
                if (reference.Comment is { } comment)
                {
                    writer.WriteString("comment", comment);
                }

                writer.WriteString("type", reference.Type);
                WriteHashes(writer, reference.Hashes);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        var properties = component.Properties.ToList();
        if (component.VersionSpecifier.Length > 0)
        {
            properties.Insert(0, new BomProperty("kingsnake:version-specifier", component.VersionSpecifier));
        }

        if (component.FileName is { } fileName)
        {
            properties.Add(new BomProperty("kingsnake:file-name", fileName));
        }

        WriteProperties(writer, properties);
        if (component.Components.Count > 0)
        {
            writer.WriteStartArray("components");
            foreach (var nested in component.Components)
            {
                WriteComponent(writer, nested);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteContact(Utf8JsonWriter writer, BomParty party)
    {
        writer.WriteStartObject();
        if (party.Name is { } name)
        {
            writer.WriteString("name", name);
        }

        if (party.Email is { } email)
        {
            writer.WriteString("email", email);
        }

        writer.WriteEndObject();
    }

    private static void WriteHashes(Utf8JsonWriter writer, IReadOnlyList<BomHash> hashes)
    {
        if (hashes.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("hashes");
        foreach (var hash in hashes.Distinct())
        {
            writer.WriteStartObject();
            writer.WriteString("alg", hash.Algorithm);
            writer.WriteString("content", hash.Hex);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private void WriteLicenses(Utf8JsonWriter writer, IReadOnlyList<BomLicense> licenses)
    {
        if (licenses.Count == 0)
        {
            return;
        }

        IReadOnlyList<BomLicense> written = licenses;
        if (Version == CycloneDxVersion.V1_6 && licenses.FirstOrDefault(l => l.Expression is not null) is { } expression)
        {
            written = [expression];
        }

        writer.WriteStartArray("licenses");
        foreach (var license in written)
        {
            writer.WriteStartObject();
            if (license.Expression is { } text)
            {
                writer.WriteString("expression", text);
                writer.WriteString("acknowledgement", license.Concluded ? "concluded" : "declared");
            }
            else
            {
                writer.WriteStartObject("license");
                if (license.Id is { } id)
                {
                    writer.WriteString("id", id);
                }
                else
                {
                    writer.WriteString("name", license.Name ?? "");
                }

                writer.WriteString("acknowledgement", license.Concluded ? "concluded" : "declared");
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteProperties(Utf8JsonWriter writer, IReadOnlyList<BomProperty> properties)
    {
        if (properties.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("properties");
        foreach (var property in properties)
        {
            writer.WriteStartObject();
            writer.WriteString("name", property.Name);
            writer.WriteString("value", property.Value);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteVulnerability(Utf8JsonWriter writer, BomVulnerability vulnerability)
    {
        writer.WriteStartObject();
        writer.WriteString("id", vulnerability.Id);
        writer.WriteStartObject("source");
        writer.WriteString("name", vulnerability.SourceName);
        if (vulnerability.SourceUrl is { } sourceUrl)
        {
            writer.WriteString("url", sourceUrl);
        }

        writer.WriteEndObject();
        if (vulnerability.Aliases.Count > 0)
        {
            writer.WriteStartArray("references");
            foreach (var alias in vulnerability.Aliases.Distinct(StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteString("id", alias);
                writer.WriteStartObject("source");
                writer.WriteString("name", alias.StartsWith("CVE-", StringComparison.Ordinal) ? "NVD" : alias.StartsWith("GHSA-", StringComparison.Ordinal) ? "GitHub" : "OSV");
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (vulnerability.Ratings.Count > 0)
        {
            writer.WriteStartArray("ratings");
            foreach (var rating in vulnerability.Ratings)
            {
                writer.WriteStartObject();
                if (rating.Score is { } score)
                {
                    writer.WriteNumber("score", score);
                }

                writer.WriteString("severity", rating.Severity);
                if (rating.Method is { } method)
                {
                    writer.WriteString("method", method);
                }

                if (rating.Vector is { } vector)
                {
                    writer.WriteString("vector", vector);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (vulnerability.Cwes.Count > 0)
        {
            writer.WriteStartArray("cwes");
            foreach (var cwe in vulnerability.Cwes.Distinct())
            {
                writer.WriteNumberValue(cwe);
            }

            writer.WriteEndArray();
        }

        if (vulnerability.Description is { } description)
        {
            writer.WriteString("description", description);
        }

        if (vulnerability.Recommendation is { } recommendation)
        {
            writer.WriteString("recommendation", recommendation);
        }

        if (vulnerability.Published is { } published)
        {
            writer.WriteString("published", Timestamp(published));
        }

        if (vulnerability.Updated is { } updated)
        {
            writer.WriteString("updated", Timestamp(updated));
        }

        if (vulnerability.Analysis is { } analysis)
        {
            writer.WriteStartObject("analysis");
            writer.WriteString("state", analysis.State);
            if (analysis.Justification is { } justification)
            {
                writer.WriteString("justification", justification);
            }

            if (analysis.Responses.Count > 0)
            {
                writer.WriteStartArray("response");
                foreach (var response in analysis.Responses.Distinct(StringComparer.Ordinal))
                {
                    writer.WriteStringValue(response);
                }

                writer.WriteEndArray();
            }

            if (analysis.Detail is { } detail)
            {
                writer.WriteString("detail", detail);
            }

            writer.WriteEndObject();
        }

        if (vulnerability.Affects.Count > 0)
        {
            writer.WriteStartArray("affects");
            foreach (var affect in vulnerability.Affects)
            {
                writer.WriteStartObject();
                writer.WriteString("ref", affect.Ref);
                writer.WriteStartArray("versions");
                writer.WriteStartObject();
                writer.WriteString("version", affect.Version);
                writer.WriteString("status", "affected");
                writer.WriteEndObject();
                foreach (var fixedVersion in affect.FixedVersions.Distinct(StringComparer.Ordinal))
                {
                    writer.WriteStartObject();
                    writer.WriteString("version", fixedVersion);
                    writer.WriteString("status", "unaffected");
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
