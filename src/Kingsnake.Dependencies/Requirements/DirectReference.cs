namespace Kingsnake.Dependencies.Requirements;

/// <summary>
/// What can be learned from a URL or local path without building anything: a name and version from a wheel or
/// sdist file name, or a name from pip's <c>#egg=</c> fragment.
/// </summary>
public static class DirectReference
{
    private static readonly string[] ArchiveExtensions =
        [".whl", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tar.lz", ".tlz", ".tar", ".zip"];

    /// <summary>True for <c>scheme://…</c> and <c>file:…</c> (including VCS schemes such as <c>git+https</c>).</summary>
    public static bool IsUrl(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        for (var i = 0; i < colon; i++)
        {
            var c = text[i];
            var ok = char.IsAsciiLetter(c) || (i > 0 && (char.IsAsciiDigit(c) || c is '+' or '-' or '.'));
            if (!ok)
            {
                return false;
            }
        }

        // One letter before ':' is a Windows drive (C:\path), not a scheme.
        if (colon == 1)
        {
            return false;
        }

        var rest = text.AsSpan(colon + 1);
        return rest.StartsWith("//") || text.StartsWith("file:", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>pip's test for text meant as a path: it holds a separator or starts with a dot.</summary>
    public static bool LooksLikePath(string text) =>
        text.Contains('/') || text.Contains('\\') || text.StartsWith('.');

    /// <summary>
    /// pip's decision that requirement text (not a URL) names a local directory or archive rather than a PEP 508
    /// requirement: a path-like name, or an archive file name; but <c>name @ ./file.whl</c> stays a PEP 508 requirement.
    /// </summary>
    public static bool IsLocalReference(string text)
    {
        if (!LooksLikePath(text) && !IsArchive(text))
        {
            return false;
        }

        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at < 0 || LooksLikePath(text[..at].Trim());
    }

    public static bool IsArchive(string text)
    {
        var path = StripFragment(text);
        foreach (var extension in ArchiveExtensions)
        {
            if (path.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The <c>egg=</c> value of the URL fragment (pip's project-name hint), without any <c>[extras]</c>.</summary>
    public static string? EggName(string url)
    {
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        if (hash < 0)
        {
            return null;
        }

        foreach (var part in url[(hash + 1)..].Split('&'))
        {
            if (part.StartsWith("egg=", StringComparison.Ordinal))
            {
                var name = part[4..];
                var bracket = name.IndexOf('[', StringComparison.Ordinal);
                if (bracket >= 0)
                {
                    name = name[..bracket];
                }

                return name.Length > 0 ? name : null;
            }
        }

        return null;
    }

    /// <summary>
    /// Name and version from the last path segment of a wheel (<c>name-ver(-build)?-py-abi-plat.whl</c>) or an sdist
    /// (<c>name-ver.tar.gz</c>) URL or path; false for anything else.
    /// </summary>
    public static bool TryParseArchiveName(string urlOrPath, out string name, out string version)
    {
        name = version = "";
        var path = StripFragment(urlOrPath);
        var slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        var file = Uri.UnescapeDataString(path[(slash + 1)..]);
        if (file.EndsWith(".whl", StringComparison.OrdinalIgnoreCase))
        {
            var parts = file[..^4].Split('-');
            if (parts.Length is not (5 or 6) || parts[0].Length == 0 || parts[1].Length == 0)
            {
                return false;
            }

            name = parts[0];
            version = parts[1];
            return true;
        }

        foreach (var extension in ArchiveExtensions)
        {
            if (extension == ".whl" || !file.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var stem = file[..^extension.Length];

            // The version starts at the first '-' followed by a digit (names may contain '-', versions rarely start otherwise).
            for (var i = 1; i < stem.Length - 1; i++)
            {
                if (stem[i] == '-' && char.IsAsciiDigit(stem[i + 1]))
                {
                    name = stem[..i];
                    version = stem[(i + 1)..];
                    return true;
                }
            }

            return false;
        }

        return false;
    }

    /// <summary>Splits a trailing <c>[extras]</c> off a path or URL (<c>./pkg[dev,test]</c>).</summary>
    public static (string Target, IReadOnlyList<string> Extras) SplitExtras(string text)
    {
        if (!text.EndsWith(']'))
        {
            return (text, []);
        }

        var open = text.LastIndexOf('[');
        if (open <= 0)
        {
            return (text, []);
        }

        var extras = text[(open + 1)..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return (text[..open], extras);
    }

    private static string StripFragment(string text)
    {
        var hash = text.IndexOf('#', StringComparison.Ordinal);
        var path = hash >= 0 ? text[..hash] : text;
        var query = path.IndexOf('?', StringComparison.Ordinal);
        return query >= 0 ? path[..query] : path;
    }
}
