using System.Text;

namespace Kingsnake.Reporting.Sbom;

/// <summary>
/// SPDX element ids: <c>SPDXRef-</c> followed by the wanted text with every character outside
/// <c>[A-Za-z0-9.-]</c> turned into <c>-</c>, unique within the document (<c>-2</c>, <c>-3</c>… appended on a clash).
/// The same sanitising makes <c>LicenseRef-</c> ids.
/// </summary>
public sealed class SpdxIds
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal) { "SPDXRef-DOCUMENT" };

    public string Allocate(string prefix, string wanted)
    {
        var id = prefix + Sanitize(wanted);
        if (_used.Add(id))
        {
            return id;
        }

        for (var n = 2; ; n++)
        {
            var candidate = $"{id}-{n}";
            if (_used.Add(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>The text with every character outside <c>[A-Za-z0-9.-]</c> replaced by <c>-</c>; <c>x</c> when empty.</summary>
    public static string Sanitize(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            result.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-');
        }

        return result.Length == 0 ? "x" : result.ToString();
    }
}
