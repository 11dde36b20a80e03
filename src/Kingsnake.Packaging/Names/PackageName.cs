using System.Text;
using Kingsnake.Packaging.Text;

namespace Kingsnake.Packaging.Names;

/// <summary>PEP 503 / core-metadata project names, as <c>packaging.utils</c> 24.1 handles them.</summary>
public static class PackageName
{
    /// <summary>
    /// PEP 503 normalization (<c>canonicalize_name</c>): every run of '-', '_' and '.' becomes one '-', then
    /// Python's <c>str.lower()</c>.
    /// </summary>
    public static string Normalize(string name)
    {
        // Fast path: already normalized ASCII names (the common case) are returned as is.
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

        var buffer = new StringBuilder(name.Length);
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
            buffer.Append(c);
        }

        return PythonText.Lower(buffer.ToString());
    }

    /// <summary>
    /// True when <paramref name="name"/> is a valid project name as core metadata defines it:
    /// <c>^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$</c>, case-insensitive (and, as Python's <c>$</c>, a final
    /// newline is tolerated).
    /// </summary>
    public static bool IsValid(string name)
    {
        var length = name.Length > 0 && name[^1] == '\n' ? name.Length - 1 : name.Length;
        if (length == 0 || !PythonText.IsAlphanumericIgnoreCase(name[0]) || !PythonText.IsAlphanumericIgnoreCase(name[length - 1]))
        {
            return false;
        }

        for (var i = 1; i < length - 1; i++)
        {
            if (!PythonText.IsAlphanumericIgnoreCase(name[i]) && name[i] is not ('.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
