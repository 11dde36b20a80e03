using Kingsnake.Reporting.Json;
using Kingsnake.Reporting.Markdown;
using Kingsnake.Reporting.Sarif;
using Kingsnake.Reporting.Terminal;

namespace Kingsnake.Reporting;

/// <summary>The renderers by format name, for <c>--format</c>.</summary>
public static class ReportRenderers
{
    /// <summary>Every format name, in the order the help text lists them.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["terminal", "json", "sarif", "markdown", "html", "bandit-json", "github"];

    /// <summary>The renderer for <paramref name="format"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">The format is unknown; the message lists the known ones.</exception>
    public static IReportRenderer Get(string format, RenderOptions? options = null) =>
        TryGet(format, options, out var renderer)
            ? renderer
            : throw new ArgumentException(
                $"unknown report format '{format}' (known: {string.Join(", ", Formats)})", nameof(format));

    public static bool TryGet(string format, RenderOptions? options, out IReportRenderer renderer)
    {
        options ??= RenderOptions.Default;
        IReportRenderer? found = format?.Trim().ToLowerInvariant() switch
        {
            "terminal" or "text" => new TerminalRenderer(options),
            "json" => new JsonReportRenderer(options),
            "sarif" => new SarifRenderer(),
            "markdown" or "md" => new MarkdownRenderer(options),
            "bandit-json" => new BanditJsonRenderer(options),
            "github" => new Github.GithubAnnotationsRenderer(options),
            "html" => new Html.HtmlRenderer(options),
            _ => null,
        };
        renderer = found!;
        return found is not null;
    }

    /// <summary>Renders to a string (tests, and callers that post the text somewhere).</summary>
    public static string RenderToString(this IReportRenderer renderer, Kingsnake.Core.Auditing.Report report)
    {
        using var buffer = new MemoryStream();
        renderer.Render(report, buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
