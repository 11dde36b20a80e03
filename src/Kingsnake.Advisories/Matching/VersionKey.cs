using System.Text;
using Kingsnake.Packaging.Versions;

namespace Kingsnake.Advisories.Matching;

/// <summary>
/// A canonical text key for a PEP 440 version such that two versions are equal (PEP 440 ordering says
/// "==", e.g. <c>1.0</c> and <c>1.0.0</c>, <c>1.0-rc1</c> and <c>1.0rc1</c>) exactly when their keys are equal.
/// It lets <c>versions[]</c> lists (up to a thousand entries per record) be matched through a hash set,
/// and most entries ("1.2.3") take a fast path that needs no regular expression.
/// </summary>
public static class VersionKey
{
    /// <summary>The key of a version string, or null when it is not PEP 440.</summary>
    public static string? Of(string raw)
    {
        if (TryFastPath(raw, out var key))
        {
            return key;
        }

        return PythonVersion.TryParse(raw, out var version) ? Of(version) : null;
    }

    /// <summary>The key of a parsed version: its normalized form with trailing zero release parts dropped.</summary>
    public static string Of(PythonVersion version)
    {
        var builder = new StringBuilder(16);
        if (!version.Epoch.IsZero)
        {
            builder.Append(version.Epoch).Append('!');
        }

        var release = version.Release;
        var last = release.Count - 1;
        while (last > 0 && release[last].IsZero)
        {
            last--;
        }

        for (var i = 0; i <= last; i++)
        {
            if (i > 0)
            {
                builder.Append('.');
            }

            builder.Append(release[i]);
        }

        if (version.Pre is { } pre)
        {
            builder.Append(pre.Label).Append(pre.Number);
        }

        if (version.Post is { } post)
        {
            builder.Append(".post").Append(post);
        }

        if (version.Dev is { } dev)
        {
            builder.Append(".dev").Append(dev);
        }

        if (version.Local is { } local)
        {
            builder.Append('+').Append(local);
        }

        return builder.ToString();
    }

    // Plain "digits(.digits)*" strings: strip leading zeros of each part and trailing ".0" parts.
    private static bool TryFastPath(string raw, out string key)
    {
        key = string.Empty;
        if (raw.Length is 0 or > 64)
        {
            return false;
        }

        var previousDot = true;
        var needsRewrite = false;
        foreach (var c in raw)
        {
            if (c == '.')
            {
                if (previousDot)
                {
                    return false;
                }

                previousDot = true;
            }
            else if (c is >= '0' and <= '9')
            {
                if (previousDot && c == '0')
                {
                    needsRewrite = true; // a leading zero or a zero part
                }

                previousDot = false;
            }
            else
            {
                return false;
            }
        }

        if (previousDot)
        {
            return false;
        }

        if (!needsRewrite)
        {
            key = raw;
            return true;
        }

        Span<Range> parts = stackalloc Range[33];
        var span = raw.AsSpan();
        var count = span.Split(parts, '.');
        if (count > 32)
        {
            return false;
        }

        var lastNonZero = 0;
        for (var i = 0; i < count; i++)
        {
            if (span[parts[i]].TrimStart('0').Length > 0)
            {
                lastNonZero = i;
            }
        }

        var builder = new StringBuilder(raw.Length);
        for (var i = 0; i <= lastNonZero; i++)
        {
            if (i > 0)
            {
                builder.Append('.');
            }

            var digits = span[parts[i]].TrimStart('0');
            if (digits.IsEmpty)
            {
                builder.Append('0');
            }
            else
            {
                builder.Append(digits);
            }
        }

        key = builder.ToString();
        return true;
    }
}
