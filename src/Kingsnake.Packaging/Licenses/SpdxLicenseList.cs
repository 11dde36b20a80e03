using System.Collections.Frozen;

namespace Kingsnake.Packaging.Licenses;

/// <summary>
/// The SPDX license ids and exception ids that CycloneDX accepts in a license <c>id</c> (its bundled SPDX list,
/// 3.28.0; README.md beside this file says where the two embedded lists come from). Ids compare case-insensitively,
/// as SPDX says they do, and <see cref="Canonical"/> gives the list's own casing back.
/// </summary>
public static class SpdxLicenseList
{
    private static readonly FrozenDictionary<string, string> Licenses = Load("Kingsnake.Packaging.Licenses.spdx-license-ids.txt");

    private static readonly FrozenDictionary<string, string> Exceptions = Load("Kingsnake.Packaging.Licenses.spdx-exception-ids.txt");

    /// <summary>Every license id, in the list's casing.</summary>
    public static IEnumerable<string> LicenseIds => Licenses.Values;

    /// <summary>Every exception id (what may follow <c>WITH</c>), in the list's casing.</summary>
    public static IEnumerable<string> ExceptionIds => Exceptions.Values;

    /// <summary>True when <paramref name="id"/> is an SPDX license id, in any casing (not an exception id).</summary>
    public static bool IsLicenseId(string id) => Licenses.ContainsKey(id);

    /// <summary>True when <paramref name="id"/> is an SPDX license exception id, in any casing.</summary>
    public static bool IsExceptionId(string id) => Exceptions.ContainsKey(id);

    /// <summary>The list's casing of a license id (<c>mit</c> → <c>MIT</c>, <c>apache-2.0</c> → <c>Apache-2.0</c>); null when it is not one.</summary>
    public static string? Canonical(string id) => Licenses.TryGetValue(id, out var canonical) ? canonical : null;

    /// <summary>The list's casing of an exception id (<c>llvm-exception</c> → <c>LLVM-exception</c>); null when it is not one.</summary>
    public static string? CanonicalException(string id) => Exceptions.TryGetValue(id, out var canonical) ? canonical : null;

    private static FrozenDictionary<string, string> Load(string resource)
    {
        using var stream = typeof(SpdxLicenseList).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded resource {resource} is missing");
        using var reader = new StreamReader(stream);
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            var id = line.Trim();
            if (id.Length > 0)
            {
                ids[id] = id;
            }
        }

        return ids.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
