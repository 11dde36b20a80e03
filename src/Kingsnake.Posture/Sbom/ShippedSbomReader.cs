using System.Security.Cryptography;
using System.Text.Json;
using Kingsnake.Reporting.Sbom;

namespace Kingsnake.Posture.Sbom;

/// <summary>
/// Reads one SBOM file a wheel ships under <c>.dist-info/sboms/</c> (PEP 770): CycloneDX JSON of any 1.x version or
/// SPDX 2.x JSON. The file comes from a package, so it is untrusted: at most <see cref="MaxBytes"/> bytes and
/// <see cref="MaxDepth"/> levels of JSON are read, and anything unreadable becomes a result with an
/// <see cref="ShippedSbom.Error"/>, never an exception. Names, versions and purls are kept exactly as written: a
/// distro purl (<c>pkg:rpm/…</c>, <c>pkg:deb/…</c>) or a <c>pkg:generic/…</c> one carries what vulnerability
/// matching needs (backported fixes), and rewriting it would lose that.
/// </summary>
public static class ShippedSbomReader
{
    /// <summary>The largest file read (16 MiB); larger ones are referenced but not parsed.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <summary>The deepest JSON nesting read.</summary>
    public const int MaxDepth = 64;

    /// <param name="bytes">The file's bytes, as the wheel holds them.</param>
    /// <param name="path">The file's path inside the wheel (<c>pkg-1.0.dist-info/sboms/bom.cdx.json</c>): the reference's URL, and its last segment the ref prefix.</param>
    /// <param name="wheelRef">The <see cref="BomComponent.Ref"/> of the wheel's own component.</param>
    public static ShippedSbom Read(ReadOnlySpan<byte> bytes, string path, string wheelRef)
    {
        var hash = new BomHash("SHA-256", Convert.ToHexStringLower(SHA256.HashData(bytes)));
        var fileName = path.Replace('\\', '/').Split('/')[^1];
        var prefix = $"{wheelRef}/sbom/{fileName}#";

        ShippedSbom Failed(string error) => new()
        {
            Reference = new BomExternalReference("bom", path) { Hashes = [hash], Comment = "unknown format" },
            Error = error,
        };

        if (bytes.Length > MaxBytes)
        {
            return Failed($"{fileName}: larger than {MaxBytes / (1024 * 1024)} MiB, not read");
        }

        try
        {
            using var document = JsonDocument.Parse(bytes.ToArray(), new JsonDocumentOptions { MaxDepth = MaxDepth });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Failed($"{fileName}: not a JSON object");
            }

            ShippedContent content;
            string format;
            if (root.TryGetProperty("bomFormat", out var bomFormat) && bomFormat.ValueKind == JsonValueKind.String && bomFormat.GetString() == "CycloneDX")
            {
                var spec = root.TryGetProperty("specVersion", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
                if (!spec.StartsWith("1.", StringComparison.Ordinal))
                {
                    return Failed($"{fileName}: CycloneDX specVersion '{spec}' is not 1.x");
                }

                content = ShippedCycloneDx.Read(root, new ShippedGraph(prefix, wheelRef));
                format = "CycloneDX " + spec;
            }
            else if (root.TryGetProperty("spdxVersion", out var spdxVersion) && spdxVersion.ValueKind == JsonValueKind.String)
            {
                var version = spdxVersion.GetString()!;
                if (!version.StartsWith("SPDX-2.", StringComparison.Ordinal))
                {
                    return Failed($"{fileName}: {version} is not SPDX 2");
                }

                content = ShippedSpdx.Read(root, new ShippedGraph(prefix, wheelRef));
                format = version;
            }
            else
            {
                return Failed(root.TryGetProperty("@context", out _)
                    ? $"{fileName}: JSON-LD (SPDX 3?) is not read"
                    : $"{fileName}: neither CycloneDX (bomFormat) nor SPDX 2 (spdxVersion) JSON");
            }

            return new ShippedSbom
            {
                Reference = new BomExternalReference("bom", path) { Hashes = [hash], Comment = format },
                Format = format,
                Primary = content.Primary,
                Components = content.Components,
                Dependencies = content.Dependencies,
                Warnings = content.Warnings,
            };
        }
        catch (JsonException ex)
        {
            return Failed($"{fileName}: not valid JSON ({ex.Message})");
        }
        catch (InvalidOperationException ex)
        {
            // a value of an unexpected JSON kind where the reader asked for a string or number
            return Failed($"{fileName}: unexpected content ({ex.Message})");
        }
    }
}
