namespace Kingsnake.Reporting.Html;

/// <summary>
/// The page's style sheet and script, kept as files beside this class (report.css, report.js) for editing and embedded
/// in the assembly: the report inlines them, so it needs nothing but itself when opened.
/// </summary>
internal static class HtmlAssets
{
    public static string Css { get; } = Read("Kingsnake.Reporting.Html.report.css");

    public static string Script { get; } = Read("Kingsnake.Reporting.Html.report.js");

    private static string Read(string name)
    {
        using var stream = typeof(HtmlAssets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the resource {name} is missing from {typeof(HtmlAssets).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        // One line ending whatever the checkout did to the files: the same report gives the same bytes everywhere.
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
