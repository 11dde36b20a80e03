using System.Text.Json;
using Kingsnake.Packaging.Licenses;
using Kingsnake.Reporting.Sbom;
using static Kingsnake.Posture.Sbom.ShippedGraph;

namespace Kingsnake.Posture.Sbom;

/// <summary>
/// CycloneDX JSON (1.0–1.7) as a shipped SBOM: <c>metadata.component</c> is the primary, <c>components</c> (and the
/// primary's own nested <c>components</c>) the parts, <c>dependencies</c> the edges. Fields are read as written;
/// the ones Kingsnake's model has no place for are left out.
/// </summary>
internal static class ShippedCycloneDx
{
    public static ShippedContent Read(JsonElement root, ShippedGraph graph)
    {
        BomComponent? primary = null;
        var components = new List<BomComponent>();
        if (Object(root, "metadata") is { } metadata && Object(metadata, "component") is { } main)
        {
            graph.AddPrimary(String(main, "bom-ref"));
            primary = Component(main, graph, primaryRef: graph.WheelRef) is { } folded ? folded with { Components = [] } : null;
            foreach (var nested in Array(main, "components"))
            {
                if (Component(nested, graph) is { } part)
                {
                    components.Add(part);
                }
            }
        }

        foreach (var item in Array(root, "components"))
        {
            if (graph.IsPrimary(String(item, "bom-ref")))
            {
                continue; // the primary listed again among the components: already folded into the wheel
            }

            if (Component(item, graph) is { } part)
            {
                components.Add(part);
            }
        }

        foreach (var dependency in Array(root, "dependencies"))
        {
            if (String(dependency, "ref") is not { } from)
            {
                continue;
            }

            foreach (var to in Array(dependency, "dependsOn"))
            {
                if (to.ValueKind == JsonValueKind.String)
                {
                    graph.Edge(from, to.GetString()!);
                }
            }
        }

        return new ShippedContent(primary, components, graph.Dependencies(), graph.Warnings);
    }

    /// <summary>One component and its nested ones; null (with a warning) when it has no name.</summary>
    private static BomComponent? Component(JsonElement element, ShippedGraph graph, string? primaryRef = null)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var name = String(element, "name");
        if (string.IsNullOrEmpty(name))
        {
            graph.Warnings.Add($"a component without a name (bom-ref '{String(element, "bom-ref")}') was skipped");
            return null;
        }

        var reference = primaryRef ?? graph.Add(String(element, "bom-ref"));
        var nested = new List<BomComponent>();
        if (primaryRef is null)
        {
            foreach (var child in Array(element, "components"))
            {
                if (Component(child, graph) is { } part)
                {
                    nested.Add(part);
                }
            }
        }

        var authors = new List<BomParty>();
        if (String(element, "author") is { Length: > 0 } author)
        {
            authors.Add(new BomParty(author, null));
        }

        foreach (var party in Array(element, "authors"))
        {
            if (Party(party) is { } person)
            {
                authors.Add(person);
            }
        }

        return new BomComponent
        {
            Ref = reference,
            Type = String(element, "type") ?? "library",
            Name = name,
            Version = String(element, "version"),
            Purl = String(element, "purl"),
            Scope = String(element, "scope") switch
            {
                "optional" => BomScope.Optional,
                "excluded" => BomScope.Excluded,
                _ => BomScope.Required,
            },
            Description = String(element, "description"),
            Hashes = [.. Array(element, "hashes").Select(Hash).OfType<BomHash>()],
            Licenses = Licenses(element),
            Supplier = Object(element, "supplier") is { } supplier ? Party(supplier) : null,
            Authors = authors,
            ExternalReferences = [.. Array(element, "externalReferences").Select(ExternalReference).OfType<BomExternalReference>()],
            Properties = [.. Array(element, "properties")
                .Where(p => String(p, "name") is not null)
                .Select(p => new BomProperty(String(p, "name")!, String(p, "value") ?? ""))],
            Components = nested,
        };
    }

    private static BomHash? Hash(JsonElement element) =>
        String(element, "alg") is { } algorithm && String(element, "content") is { } content ? new BomHash(algorithm, content.ToLowerInvariant()) : null;

    private static BomParty? Party(JsonElement element)
    {
        var name = String(element, "name");
        var email = String(element, "email");
        return name is null && email is null ? null : new BomParty(name, email);
    }

    private static BomExternalReference? ExternalReference(JsonElement element) =>
        String(element, "type") is { } type && String(element, "url") is { } url
            ? new BomExternalReference(type, url)
            {
                Hashes = [.. Array(element, "hashes").Select(Hash).OfType<BomHash>()],
                Comment = String(element, "comment"),
            }
            : null;

    /// <summary>
    /// <c>licenses[]</c>: <c>{"expression": …}</c> items (normalized when valid, else kept as a name) and
    /// <c>{"license": {"id"|"name"}}</c> items (an id off the SPDX list as a name), with 1.6's
    /// <c>acknowledgement: concluded</c> kept. A shipped SBOM's license is its producer's statement; the source says so.
    /// </summary>
    private static List<BomLicense> Licenses(JsonElement element)
    {
        var licenses = new List<BomLicense>();
        foreach (var item in Array(element, "licenses"))
        {
            var concluded = String(item, "acknowledgement") == "concluded";
            if (String(item, "expression") is { Length: > 0 } expression)
            {
                // a valid expression in canonical form; anything else as words, which no reader will parse wrongly
                licenses.Add(SpdxExpression.TryNormalize(expression, out var normalized, out _)
                    ? new BomLicense { Expression = normalized, Concluded = concluded, Source = "shipped SBOM" }
                    : new BomLicense { Name = expression, Concluded = concluded, Source = "shipped SBOM" });
            }
            else if (Object(item, "license") is { } license)
            {
                concluded = concluded || String(license, "acknowledgement") == "concluded";
                if (String(license, "id") is { Length: > 0 } id)
                {
                    // an id off the SPDX list would make the written BOM invalid: keep it, as a name
                    licenses.Add(SpdxLicenseList.Canonical(id) is { } known
                        ? new BomLicense { Id = known, Concluded = concluded, Source = "shipped SBOM" }
                        : new BomLicense { Name = id, Concluded = concluded, Source = "shipped SBOM" });
                }
                else if (String(license, "name") is { Length: > 0 } name)
                {
                    licenses.Add(new BomLicense { Name = name, Concluded = concluded, Source = "shipped SBOM" });
                }
            }
        }

        return licenses;
    }
}
