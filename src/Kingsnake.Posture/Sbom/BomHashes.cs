using Kingsnake.Reporting.Sbom;

namespace Kingsnake.Posture.Sbom;

/// <summary>
/// Turns the inventory's <c>algorithm:hexdigest</c> hashes into <see cref="BomHash"/>es with CycloneDX algorithm
/// names. A hash whose algorithm CycloneDX does not name, or whose digest is not hex of that algorithm's length, is
/// dropped rather than written wrong.
/// </summary>
public static class BomHashes
{
    /// <summary>The CycloneDX name and hex length of a hashlib-style algorithm name (<c>sha256</c>, <c>blake2b</c>…).</summary>
    public static (string Name, int HexLength)? Algorithm(string algorithm) => algorithm.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal) switch
    {
        "md5" => ("MD5", 32),
        "sha1" => ("SHA-1", 40),
        "sha256" => ("SHA-256", 64),
        "sha384" => ("SHA-384", 96),
        "sha512" => ("SHA-512", 128),
        "sha3256" or "sha3_256" => ("SHA3-256", 64),
        "sha3384" or "sha3_384" => ("SHA3-384", 96),
        "sha3512" or "sha3_512" => ("SHA3-512", 128),
        "blake2b256" => ("BLAKE2b-256", 64),
        "blake2b384" => ("BLAKE2b-384", 96),
        "blake2b" or "blake2b512" => ("BLAKE2b-512", 128),
        "blake3" => ("BLAKE3", 64),
        _ => null,
    };

    /// <summary>One <c>algorithm:hex</c> (or <c>algorithm=hex</c>, as PEP 610 and pip write) as a BOM hash; null when unusable.</summary>
    public static BomHash? Parse(string hash)
    {
        var separator = hash.IndexOfAny([':', '=']);
        if (separator <= 0)
        {
            return null;
        }

        return From(hash[..separator], hash[(separator + 1)..]);
    }

    /// <summary>A BOM hash from an algorithm name and a hex digest; null when the algorithm is unknown or the digest malformed.</summary>
    public static BomHash? From(string algorithm, string hex)
    {
        if (Algorithm(algorithm) is not { } known || hex.Length != known.HexLength || !hex.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        return new BomHash(known.Name, hex.ToLowerInvariant());
    }

    /// <summary>Every usable hash of <paramref name="hashes"/>, each algorithm–digest pair once.</summary>
    public static IReadOnlyList<BomHash> ParseAll(IEnumerable<string> hashes) =>
        hashes.Select(Parse).OfType<BomHash>().Distinct().ToList();
}
