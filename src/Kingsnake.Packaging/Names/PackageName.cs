using System.Text.RegularExpressions;

namespace Kingsnake.Packaging.Names;

/// <summary>PEP 503 / core-metadata project names.</summary>
public static partial class PackageName
{
    [GeneratedRegex("^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ValidNamePattern();

    /// <summary>PEP 503 normalization: lower case, every run of '-', '_' and '.' becomes one '-'.</summary>
    public static string Normalize(string name)
    {
        // Fast path: already normalized names (the common case) are returned as is.
        var clean = true;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c is >= 'A' and <= 'Z' or '_' or '.' || (c == '-' && i > 0 && name[i - 1] == '-') || c > 127)
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return name;
        }

        var buffer = new System.Text.StringBuilder(name.Length);
        var inSeparator = false;
        foreach (var c in name)
        {
            if (c is '-' or '_' or '.')
            {
                if (!inSeparator)
                {
                    buffer.Append('-');
                }

                inSeparator = true;
                continue;
            }

            inSeparator = false;
            buffer.Append(char.ToLowerInvariant(c));
        }

        return buffer.ToString();
    }

    /// <summary>True when <paramref name="name"/> is a valid project name as core metadata defines it.</summary>
    public static bool IsValid(string name) => ValidNamePattern().IsMatch(name);
}
