using System.Text.Json;
using Kingsnake.Core.Findings;

namespace Kingsnake.Core.Suppression;

/// <summary>
/// A baseline file: the fingerprints of findings a project has accepted, so that only new ones fail CI.
/// Format: JSON <c>{"version": 1, "fingerprints": ["…", …]}</c>; any Kingsnake JSON report is accepted too
/// (its findings' fingerprints are read).
/// </summary>
public static class Baseline
{
    /// <summary>The fingerprints of a baseline's bytes (read by the caller through the project's reader).</summary>
    public static HashSet<string> Parse(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var result = new HashSet<string>(StringComparer.Ordinal);
            var root = document.RootElement;
            if (root.TryGetProperty("fingerprints", out var fingerprints))
            {
                foreach (var item in fingerprints.EnumerateArray())
                {
                    result.Add(item.GetString() ?? "");
                }
            }
            else if (root.TryGetProperty("findings", out var findings))
            {
                foreach (var finding in findings.EnumerateArray())
                {
                    if (finding.TryGetProperty("fingerprint", out var fingerprint))
                    {
                        result.Add(fingerprint.GetString() ?? "");
                    }
                }
            }
            else
            {
                throw new InputFormatException("a baseline needs a 'fingerprints' list (or is a Kingsnake JSON report)", 1, 1);
            }

            return result;
        }
        catch (JsonException ex)
        {
            throw new InputFormatException($"invalid JSON: {ex.Message}", (int)(ex.LineNumber ?? -1) + 1, (int)(ex.BytePositionInLine ?? -1) + 1, ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new InputFormatException($"malformed baseline: {ex.Message}", ex);
        }
    }

    /// <summary>Writes the baseline of <paramref name="findings"/> to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, IEnumerable<Finding> findings)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteNumber("version", 1);
        writer.WriteStartArray("fingerprints");
        foreach (var fingerprint in findings.Select(f => f.Fingerprint).Distinct().Order(StringComparer.Ordinal))
        {
            writer.WriteStringValue(fingerprint);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
