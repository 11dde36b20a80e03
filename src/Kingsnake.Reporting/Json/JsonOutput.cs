using System.Text.Encodings.Web;
using System.Text.Json;

namespace Kingsnake.Reporting.Json;

/// <summary>The writer settings shared by the JSON and SARIF renderers.</summary>
public static class JsonOutput
{
    public static Utf8JsonWriter CreateWriter(Stream output) => new(output, new JsonWriterOptions
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        // Reports are files, not HTML: keep non-ASCII paths and messages readable instead of \uXXXX escapes.
        // Control characters and quotes are still escaped, so the output is always valid JSON.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>RFC 3339 in UTC with seconds, the form every JSON consumer parses.</summary>
    public static string Timestamp(DateTimeOffset moment) =>
        moment.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
