using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Kingsnake.Reporting.Sbom;

/// <summary>
/// Writes a <see cref="BomDocument"/> as an SPDX 2.3 JSON document. The root and every component (nested ones too)
/// are packages with <c>filesAnalyzed: false</c>, <c>licenseConcluded: NOASSERTION</c> (Kingsnake draws no conclusion
/// of its own here) and <c>licenseDeclared</c> from the declared licenses: an SPDX expression as is, ids joined with
/// <c>AND</c>, free-text names as <c>LicenseRef-…</c> with their text in <c>hasExtractedLicensingInfos</c>, else
/// <c>NOASSERTION</c>. Relationships: the document DESCRIBES the root; a runtime edge is <c>A DEPENDS_ON B</c>; an
/// edge to an excluded (dev/test) component is <c>B DEV_DEPENDENCY_OF A</c> and to an optional one
/// <c>B OPTIONAL_DEPENDENCY_OF A</c>; a nested component is CONTAINed by its parent. The namespace is derived from
/// the serial number, so the same document gives the same bytes.
/// </summary>
public sealed class SpdxWriter
{
    /// <summary>Base of every document namespace; the document's name and serial number follow.</summary>
    public const string NamespaceBase = "https://kingsnake.dev/spdx/";

    public void Write(BomDocument document, Stream output)
    {
        var ids = new SpdxIds();
        var packages = new List<(BomComponent Component, string Id)>();
        var idOfRef = new Dictionary<string, string>(StringComparer.Ordinal);
        var contains = new List<(string Parent, string Child)>();

        void Register(BomComponent component, string? parentId)
        {
            var id = ids.Allocate("SPDXRef-", component.Version is null ? component.Name : $"{component.Name}-{component.Version}");
            packages.Add((component, id));
            idOfRef.TryAdd(component.Ref, id);
            if (parentId is not null)
            {
                contains.Add((parentId, id));
            }

            foreach (var nested in component.Components)
            {
                Register(nested, id);
            }
        }

        Register(document.Root, null);
        foreach (var component in document.Components)
        {
            Register(component, null);
        }

        var extracted = new Dictionary<string, string>(StringComparer.Ordinal);

        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions
        {
            Indented = true,
            IndentSize = 2,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        var rootName = document.Root.Version is null ? document.Root.Name : $"{document.Root.Name}-{document.Root.Version}";
        writer.WriteStartObject();
        writer.WriteString("spdxVersion", "SPDX-2.3");
        writer.WriteString("dataLicense", "CC0-1.0");
        writer.WriteString("SPDXID", "SPDXRef-DOCUMENT");
        writer.WriteString("name", rootName);
        writer.WriteString("documentNamespace", NamespaceBase + SpdxIds.Sanitize(rootName) + "-" + document.SerialNumber.ToString("D", CultureInfo.InvariantCulture));
        writer.WriteStartObject("creationInfo");
        writer.WriteString("created", document.Timestamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        writer.WriteStartArray("creators");
        writer.WriteStringValue($"Tool: {document.ToolName}-{document.ToolVersion}");
        writer.WriteEndArray();
        writer.WriteEndObject();

        writer.WriteStartArray("packages");
        foreach (var (component, id) in packages)
        {
            WritePackage(writer, component, id, extracted);
        }

        writer.WriteEndArray();

        if (extracted.Count > 0)
        {
            writer.WriteStartArray("hasExtractedLicensingInfos");
            foreach (var (licenseId, name) in extracted)
            {
                writer.WriteStartObject();
                writer.WriteString("licenseId", licenseId);
                writer.WriteString("name", name);
                writer.WriteString("extractedText", name);
                writer.WriteString("comment", "a license named in the package metadata, not an SPDX license id");
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteStartArray("relationships");
        WriteRelationship(writer, "SPDXRef-DOCUMENT", "DESCRIBES", idOfRef[document.Root.Ref]);
        var scopeOfRef = packages.GroupBy(p => p.Component.Ref, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Component.Scope, StringComparer.Ordinal);
        foreach (var dependency in document.Dependencies)
        {
            if (!idOfRef.TryGetValue(dependency.Ref, out var from))
            {
                continue;
            }

            foreach (var target in dependency.DependsOn.Distinct(StringComparer.Ordinal))
            {
                if (!idOfRef.TryGetValue(target, out var to))
                {
                    continue;
                }

                switch (scopeOfRef[target])
                {
                    case BomScope.Excluded:
                        WriteRelationship(writer, to, "DEV_DEPENDENCY_OF", from);
                        break;
                    case BomScope.Optional:
                        WriteRelationship(writer, to, "OPTIONAL_DEPENDENCY_OF", from);
                        break;
                    default:
                        WriteRelationship(writer, from, "DEPENDS_ON", to);
                        break;
                }
            }
        }

        foreach (var (parent, child) in contains)
        {
            WriteRelationship(writer, parent, "CONTAINS", child);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WritePackage(Utf8JsonWriter writer, BomComponent component, string id, Dictionary<string, string> extracted)
    {
        writer.WriteStartObject();
        writer.WriteString("SPDXID", id);
        writer.WriteString("name", component.Name);
        if (component.Version is { } version)
        {
            writer.WriteString("versionInfo", version);
        }

        if (component.FileName is { } fileName)
        {
            writer.WriteString("packageFileName", fileName);
        }

        writer.WriteString("supplier", Supplier(component.Supplier));
        writer.WriteString("downloadLocation", DownloadLocation(component));
        writer.WriteBoolean("filesAnalyzed", false);
        var checksums = component.Hashes.Select(h => (Algorithm: ChecksumAlgorithm(h.Algorithm), h.Hex)).Where(h => h.Algorithm is not null).Distinct().ToList();
        if (checksums.Count > 0)
        {
            writer.WriteStartArray("checksums");
            foreach (var (algorithm, hex) in checksums)
            {
                writer.WriteStartObject();
                writer.WriteString("algorithm", algorithm);
                writer.WriteString("checksumValue", hex);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (component.ExternalReferences.FirstOrDefault(r => r.Type == "website") is { } website)
        {
            writer.WriteString("homepage", website.Url);
        }

        writer.WriteString("licenseConcluded", "NOASSERTION");
        writer.WriteString("licenseDeclared", LicenseDeclared(component.Licenses, extracted));
        writer.WriteString("copyrightText", "NOASSERTION");
        if (component.Description is { } description)
        {
            writer.WriteString("summary", description);
        }

        var comments = new List<string>();
        if (component.VersionSpecifier.Length > 0)
        {
            comments.Add($"unresolved requirement: {component.VersionSpecifier}");
        }

        if (component.Properties.FirstOrDefault(p => p.Name == "kingsnake:hash-of") is { } hashOf)
        {
            comments.Add($"the checksum is of the installed {hashOf.Value} file, not of a distribution file");
        }

        if (comments.Count > 0)
        {
            writer.WriteString("comment", string.Join("; ", comments));
        }

        if (component.Purl is { } purl)
        {
            writer.WriteStartArray("externalRefs");
            writer.WriteStartObject();
            writer.WriteString("referenceCategory", "PACKAGE-MANAGER");
            writer.WriteString("referenceType", "purl");
            writer.WriteString("referenceLocator", purl);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        writer.WriteString("primaryPackagePurpose", component.Type switch
        {
            "application" => "APPLICATION",
            "framework" => "FRAMEWORK",
            "library" => "LIBRARY",
            "container" => "CONTAINER",
            "operating-system" => "OPERATING_SYSTEM",
            "device" => "DEVICE",
            "firmware" => "FIRMWARE",
            "file" => "FILE",
            _ => "OTHER",
        });
        writer.WriteEndObject();
    }

    /// <summary>The one download location the component has (its only http(s) distribution link), else NOASSERTION.</summary>
    private static string DownloadLocation(BomComponent component)
    {
        var distributions = component.ExternalReferences
            .Where(r => r.Type == "distribution" && (r.Url.StartsWith("https://", StringComparison.Ordinal) || r.Url.StartsWith("http://", StringComparison.Ordinal))
                && !r.Url.Contains('#', StringComparison.Ordinal))
            .Select(r => r.Url)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return distributions.Count == 1 ? distributions[0] : "NOASSERTION";
    }

    /// <summary>SPDX <c>Organization: …</c> or <c>Person: … (email)</c>; NOASSERTION when nobody is named.</summary>
    internal static string Supplier(BomParty? party)
    {
        if (party is null || (party.Name is null && party.Email is null))
        {
            return "NOASSERTION";
        }

        var name = (party.Name ?? party.Email!).Replace('(', '[').Replace(')', ']');
        var kind = LooksLikeOrganization(name) ? "Organization" : "Person";
        return party.Email is { } email ? $"{kind}: {name} ({email})" : $"{kind}: {name}";
    }

    private static bool LooksLikeOrganization(string name)
    {
        string[] markers = ["Inc", "Inc.", "LLC", "Ltd", "Ltd.", "GmbH", "Foundation", "Team", "Developers", "Contributors", "Authors", "Project", "Organization", "Corporation", "Corp", "Corp.", "Group", "Community", "Software", "Labs", "Maintainers"];
        return name.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Any(word => markers.Contains(word, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The declared licenses as one SPDX expression (names become <c>LicenseRef-</c> ids recorded in <paramref name="extracted"/>).</summary>
    private static string LicenseDeclared(IReadOnlyList<BomLicense> licenses, Dictionary<string, string> extracted)
    {
        var declared = licenses.Where(l => !l.Concluded).ToList();
        if (declared.FirstOrDefault(l => l.Expression is not null) is { } expression)
        {
            if (Kingsnake.Packaging.Licenses.SpdxExpression.IsValid(expression.Expression!))
            {
                return expression.Expression!;
            }

            declared = [new BomLicense { Name = expression.Expression }]; // not an SPDX expression: keep its text
        }

        var parts = new List<string>();
        foreach (var license in declared)
        {
            if (license.Id is { } id)
            {
                parts.Add(id);
            }
            else if (license.Name is { Length: > 0 } name)
            {
                var licenseRef = "LicenseRef-" + SpdxIds.Sanitize(name);
                if (extracted.TryGetValue(licenseRef, out var existing) && existing != name)
                {
                    for (var n = 2; extracted.TryGetValue(licenseRef, out existing) && existing != name; n++)
                    {
                        licenseRef = $"LicenseRef-{SpdxIds.Sanitize(name)}-{n}";
                    }
                }

                extracted[licenseRef] = name;
                parts.Add(licenseRef);
            }
        }

        return parts.Count switch
        {
            0 => "NOASSERTION",
            1 => parts[0],
            _ => string.Join(" AND ", parts.Distinct(StringComparer.Ordinal).Select(p => p.Contains(' ', StringComparison.Ordinal) ? $"({p})" : p)),
        };
    }

    private static string? ChecksumAlgorithm(string cycloneDxAlgorithm) => cycloneDxAlgorithm switch
    {
        "MD5" => "MD5",
        "SHA-1" => "SHA1",
        "SHA-256" => "SHA256",
        "SHA-384" => "SHA384",
        "SHA-512" => "SHA512",
        "SHA3-256" or "SHA3-384" or "SHA3-512" => cycloneDxAlgorithm,
        "BLAKE2b-256" or "BLAKE2b-384" or "BLAKE2b-512" or "BLAKE3" => cycloneDxAlgorithm,
        _ => null,
    };

    private static void WriteRelationship(Utf8JsonWriter writer, string from, string type, string to)
    {
        writer.WriteStartObject();
        writer.WriteString("spdxElementId", from);
        writer.WriteString("relationshipType", type);
        writer.WriteString("relatedSpdxElement", to);
        writer.WriteEndObject();
    }
}
