using System.Text.Json;
using Kingsnake.Packaging.Licenses;
using Kingsnake.Reporting.Sbom;
using static Kingsnake.Posture.Sbom.ShippedGraph;

namespace Kingsnake.Posture.Sbom;

/// <summary>
/// SPDX 2.x JSON as a shipped SBOM: <c>packages[]</c> are the parts, the one package the document <c>DESCRIBES</c>
/// (relationship or the older <c>documentDescribes</c>) is the primary, and dependency relationships are the edges:
/// <c>A DEPENDS_ON B</c>, <c>A STATIC_LINK B</c>, <c>A DYNAMIC_LINK B</c> as A → B, and <c>B DEPENDENCY_OF A</c>,
/// <c>B RUNTIME_DEPENDENCY_OF A</c> as A → B. <c>CONTAINS</c> is containment, which nesting under the wheel already
/// says, not an edge. Files and snippets are not read.
/// </summary>
internal static class ShippedSpdx
{
    private const string DocumentId = "SPDXRef-DOCUMENT";

    public static ShippedContent Read(JsonElement root, ShippedGraph graph)
    {
        var described = new List<string>();
        foreach (var id in Array(root, "documentDescribes"))
        {
            if (id.ValueKind == JsonValueKind.String)
            {
                described.Add(id.GetString()!);
            }
        }

        var relationships = Array(root, "relationships").ToList();
        foreach (var relationship in relationships)
        {
            if (String(relationship, "spdxElementId") == DocumentId && String(relationship, "relationshipType") == "DESCRIBES"
                && String(relationship, "relatedSpdxElement") is { } target && !described.Contains(target, StringComparer.Ordinal))
            {
                described.Add(target);
            }
        }

        // only a document about one package has a primary to fold; a document about several lists them all
        var primaryId = described.Count == 1 ? described[0] : null;
        BomComponent? primary = null;
        var components = new List<BomComponent>();
        foreach (var package in Array(root, "packages"))
        {
            var id = String(package, "SPDXID");
            var name = String(package, "name");
            if (string.IsNullOrEmpty(name))
            {
                graph.Warnings.Add($"a package without a name ({id}) was skipped");
                continue;
            }

            if (id is not null && id == primaryId && primary is null)
            {
                graph.AddPrimary(id);
                primary = Package(package, name, graph.WheelRef);
                continue;
            }

            components.Add(Package(package, name, graph.Add(id)));
        }

        foreach (var relationship in relationships)
        {
            var element = String(relationship, "spdxElementId");
            var related = String(relationship, "relatedSpdxElement");
            if (element is null || related is null || element == DocumentId)
            {
                continue;
            }

            switch (String(relationship, "relationshipType"))
            {
                case "DEPENDS_ON" or "STATIC_LINK" or "DYNAMIC_LINK":
                    graph.Edge(element, related);
                    break;
                case "DEPENDENCY_OF" or "RUNTIME_DEPENDENCY_OF":
                    graph.Edge(related, element);
                    break;
            }
        }

        return new ShippedContent(primary, components, graph.Dependencies(), graph.Warnings);
    }

    private static BomComponent Package(JsonElement package, string name, string reference)
    {
        var purl = Array(package, "externalRefs")
            .Where(r => String(r, "referenceCategory") is "PACKAGE-MANAGER" or "PACKAGE_MANAGER" && String(r, "referenceType") == "purl")
            .Select(r => String(r, "referenceLocator"))
            .FirstOrDefault(l => l is not null);
        var download = String(package, "downloadLocation");
        return new BomComponent
        {
            Ref = reference,
            Type = String(package, "primaryPackagePurpose") switch
            {
                "APPLICATION" => "application",
                "FRAMEWORK" => "framework",
                "CONTAINER" => "container",
                "OPERATING-SYSTEM" => "operating-system",
                "DEVICE" => "device",
                "FIRMWARE" => "firmware",
                "FILE" => "file",
                _ => "library",
            },
            Name = name,
            Version = String(package, "versionInfo"),
            Purl = purl,
            Description = String(package, "summary") ?? String(package, "description"),
            FileName = String(package, "packageFileName"),
            Hashes = [.. Array(package, "checksums").Select(Checksum).OfType<BomHash>()],
            Licenses = Licenses(package),
            Supplier = Party(String(package, "supplier")),
            Authors = Party(String(package, "originator")) is { } originator ? [originator] : [],
            ExternalReferences = download is not null && Uri.TryCreate(download, UriKind.Absolute, out _) ? [new BomExternalReference("distribution", download)] : [],
        };
    }

    /// <summary>SPDX checksum algorithm names as CycloneDX's (<c>SHA256</c> → <c>SHA-256</c>); unknown ones are dropped.</summary>
    private static BomHash? Checksum(JsonElement checksum)
    {
        var value = String(checksum, "checksumValue");
        var algorithm = String(checksum, "algorithm") switch
        {
            "MD5" => "MD5",
            "SHA1" => "SHA-1",
            "SHA256" => "SHA-256",
            "SHA384" => "SHA-384",
            "SHA512" => "SHA-512",
            "SHA3-256" => "SHA3-256",
            "SHA3-384" => "SHA3-384",
            "SHA3-512" => "SHA3-512",
            "BLAKE2b-256" => "BLAKE2b-256",
            "BLAKE2b-384" => "BLAKE2b-384",
            "BLAKE2b-512" => "BLAKE2b-512",
            "BLAKE3" => "BLAKE3",
            _ => null,
        };
        return algorithm is null || value is null ? null : new BomHash(algorithm, value.ToLowerInvariant());
    }

    /// <summary>
    /// <c>licenseDeclared</c> (the producer's statement), else <c>licenseConcluded</c>; <c>NOASSERTION</c> and
    /// <c>NONE</c> say nothing. A valid expression is kept normalized, anything else as a name.
    /// </summary>
    private static List<BomLicense> Licenses(JsonElement package)
    {
        foreach (var (field, concluded) in new[] { ("licenseDeclared", false), ("licenseConcluded", true) })
        {
            var value = String(package, field)?.Trim();
            if (string.IsNullOrEmpty(value) || value is "NOASSERTION" or "NONE")
            {
                continue;
            }

            return [SpdxExpression.TryNormalize(value, out var normalized, out _)
                ? new BomLicense { Expression = normalized, Concluded = concluded, Source = "shipped SBOM" }
                : new BomLicense { Name = value, Concluded = concluded, Source = "shipped SBOM" }];
        }

        return [];
    }

    /// <summary>SPDX <c>Person: Name (email)</c> / <c>Organization: Name (email)</c>; null for <c>NOASSERTION</c>.</summary>
    private static BomParty? Party(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim() == "NOASSERTION")
        {
            return null;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var body = (colon > 0 && text[..colon] is "Person" or "Organization" or "Tool" ? text[(colon + 1)..] : text).Trim();
        string? email = null;
        var open = body.LastIndexOf('(');
        if (open >= 0 && body.EndsWith(')'))
        {
            email = body[(open + 1)..^1].Trim();
            body = body[..open].Trim();
        }

        return new BomParty(body.Length > 0 ? body : null, string.IsNullOrEmpty(email) ? null : email);
    }
}
