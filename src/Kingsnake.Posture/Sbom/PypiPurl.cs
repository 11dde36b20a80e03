using System.Text;

namespace Kingsnake.Posture.Sbom;

/// <summary>
/// Package URLs of the <c>pypi</c> type in canonical form: <c>pkg:pypi/&lt;name&gt;@&lt;version&gt;?&lt;qualifiers&gt;</c>.
/// The name is lowercased with <c>_</c> turned into <c>-</c> (dots are kept, as the purl PyPI definition says); the
/// version is written as the input gives it, percent-encoded; qualifiers with an empty value are dropped, the rest are
/// sorted by key and their values percent-encoded.
/// </summary>
public static class PypiPurl
{
    /// <summary>Qualifier: the exact sdist or wheel file name.</summary>
    public const string FileName = "file_name";

    /// <summary>Qualifier: a direct download URL (not used for files.pythonhosted.org).</summary>
    public const string DownloadUrl = "download_url";

    /// <summary>Qualifier: <c>git+https://host/repo@commit</c>.</summary>
    public const string VcsUrl = "vcs_url";

    /// <summary>Qualifier: an index other than PyPI.</summary>
    public const string RepositoryUrl = "repository_url";

    /// <summary>The purl name of a PyPI project name.</summary>
    public static string Name(string name) => name.ToLowerInvariant().Replace('_', '-');

    /// <summary>The canonical purl; <paramref name="version"/> null for a requirement that fixes none.</summary>
    public static string Create(string name, string? version, IEnumerable<KeyValuePair<string, string?>>? qualifiers = null)
    {
        var purl = new StringBuilder("pkg:pypi/");
        purl.Append(Encode(Name(name), keepColon: false));
        if (!string.IsNullOrEmpty(version))
        {
            purl.Append('@').Append(Encode(version, keepColon: true));
        }

        var present = (qualifiers ?? [])
            .Where(q => !string.IsNullOrEmpty(q.Value))
            .Select(q => (Key: q.Key.ToLowerInvariant(), Value: q.Value!))
            .DistinctBy(q => q.Key, StringComparer.Ordinal)
            .OrderBy(q => q.Key, StringComparer.Ordinal)
            .ToList();
        for (var i = 0; i < present.Count; i++)
        {
            purl.Append(i == 0 ? '?' : '&').Append(present[i].Key).Append('=').Append(Encode(present[i].Value, keepColon: true));
        }

        return purl.ToString();
    }

    /// <summary>Percent-encodes every byte of the UTF-8 form except ASCII letters, digits, <c>.-_~</c> and (where allowed) <c>:</c>.</summary>
    internal static string Encode(string value, bool keepColon)
    {
        var encoded = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '~' || (keepColon && c == ':'))
            {
                encoded.Append(c);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }
}
