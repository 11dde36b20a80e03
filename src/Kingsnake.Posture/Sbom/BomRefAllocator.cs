namespace Kingsnake.Posture.Sbom;

/// <summary>
/// Hands out unique bom-refs: the preferred ref (a purl, or <c>name@version</c>) the first time, then the same with
/// <c>#2</c>, <c>#3</c>… appended. A ref never starts with <c>urn:cdx:</c> (BOM-Link syntax).
/// </summary>
public sealed class BomRefAllocator
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public string Allocate(string preferred)
    {
        if (preferred.Length == 0 || preferred.StartsWith("urn:cdx:", StringComparison.OrdinalIgnoreCase))
        {
            preferred = "component" + (preferred.Length == 0 ? "" : ":" + preferred);
        }

        if (_used.Add(preferred))
        {
            return preferred;
        }

        for (var n = 2; ; n++)
        {
            var candidate = $"{preferred}#{n}";
            if (_used.Add(candidate))
            {
                return candidate;
            }
        }
    }
}
