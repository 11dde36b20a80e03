using System.Text;
using Kingsnake.Core.Findings;

namespace Kingsnake.Packaging.Metadata;

/// <summary>
/// The header part of a core metadata file (<c>METADATA</c>, <c>PKG-INFO</c>): RFC 822 style <c>Key: value</c>
/// lines, continuation lines starting with whitespace, ended by the first blank line (the description body after
/// it is not read). Keys compare case-insensitively; repeated keys (<c>Requires-Dist</c>) keep every value.
/// </summary>
public sealed class CoreMetadata
{
    private readonly List<(string Key, string Value, int Line)> _fields = [];

    public string? Name => Get("Name");

    public string? Version => Get("Version");

    public IEnumerable<string> RequiresDist => GetAll("Requires-Dist");

    public IEnumerable<string> ProvidesExtra => GetAll("Provides-Extra");

    public IReadOnlyList<(string Key, string Value, int Line)> Fields => _fields;

    /// <summary>The first value of <paramref name="key"/>, or null.</summary>
    public string? Get(string key)
    {
        foreach (var field in _fields)
        {
            if (field.Key.Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                return field.Value;
            }
        }

        return null;
    }

    /// <summary>The 1-based line where <paramref name="key"/> first appears, or 0.</summary>
    public int LineOf(string key)
    {
        foreach (var field in _fields)
        {
            if (field.Key.Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                return field.Line;
            }
        }

        return 0;
    }

    public IEnumerable<string> GetAll(string key)
    {
        foreach (var field in _fields)
        {
            if (field.Key.Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                yield return field.Value;
            }
        }
    }

    public static CoreMetadata Parse(string text)
    {
        using var reader = new StringReader(text);
        return Parse(reader);
    }

    /// <summary>Reads headers from <paramref name="reader"/> up to the first blank line.</summary>
    public static CoreMetadata Parse(TextReader reader)
    {
        var metadata = new CoreMetadata();
        string? key = null;
        var value = new StringBuilder();
        var keyLine = 0;
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                break;
            }

            if (line[0] is ' ' or '\t')
            {
                if (key is not null)
                {
                    value.Append('\n').Append(line.TrimStart());
                }

                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                // Not a header: the email parser would treat the rest as body, so stop here too.
                break;
            }

            if (key is not null)
            {
                metadata._fields.Add((key, value.ToString().Trim(), keyLine));
            }

            key = line[..colon].Trim();
            keyLine = lineNumber;
            value.Clear().Append(line.AsSpan(colon + 1).Trim());
        }

        if (key is not null)
        {
            metadata._fields.Add((key, value.ToString().Trim(), keyLine));
        }

        return metadata;
    }

    /// <summary>
    /// Reads the headers of a metadata file's bytes (strict UTF-8, a leading BOM skipped), stopping at the blank line
    /// before the body, which is neither decoded nor parsed. The bytes come from whoever may read them: the project's
    /// bounded reader for an installed environment, a bounded archive reader for a wheel or sdist.
    /// </summary>
    public static CoreMetadata Parse(ReadOnlySpan<byte> bytes)
    {
        using var reader = new StringReader(Kingsnake.Core.Text.StrictUtf8.Decode(bytes[..HeaderLength(bytes)], "metadata"));
        return Parse(new LimitedReader(reader, MaxHeaderCharacters));
    }

    /// <summary>The bytes up to and including the first blank line (the body after it is neither decoded nor parsed).</summary>
    private static int HeaderLength(ReadOnlySpan<byte> bytes)
    {
        for (var i = 0; i + 1 < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n' && (bytes[i + 1] == (byte)'\n' || (bytes[i + 1] == (byte)'\r' && i + 2 < bytes.Length && bytes[i + 2] == (byte)'\n')))
            {
                return i + 1;
            }

            if (bytes[i] == (byte)'\r' && bytes[i + 1] == (byte)'\r')
            {
                return i + 1;
            }
        }

        return bytes.Length;
    }

    /// <summary>Headers beyond this many characters are not read (real headers are a few KB; the body is skipped).</summary>
    public const int MaxHeaderCharacters = 4 * 1024 * 1024;

    /// <summary>Stops reading after a number of characters, so a file of one endless header line cannot exhaust memory.</summary>
    private sealed class LimitedReader(TextReader inner, int maxCharacters) : TextReader
    {
        private readonly int _limit = maxCharacters;
        private int _remaining = maxCharacters;

        public override string? ReadLine()
        {
            if (_remaining <= 0)
            {
                return null;
            }

            var builder = new StringBuilder();
            while (true)
            {
                var c = inner.Read();
                if (c < 0)
                {
                    return builder.Length > 0 ? builder.ToString() : null;
                }

                if (--_remaining <= 0)
                {
                    throw new InputFormatException($"metadata headers longer than {_limit:N0} characters");
                }

                if (c == '\n')
                {
                    return builder.ToString();
                }

                if (c == '\r')
                {
                    if (inner.Peek() == '\n')
                    {
                        inner.Read();
                        _remaining--;
                    }

                    return builder.ToString();
                }

                builder.Append((char)c);
            }
        }
    }
}
