using Kingsnake.Core.Auditing;

namespace Kingsnake.Reporting;

/// <summary>
/// Turns one <see cref="Report"/> into bytes. A renderer computes no findings and reads neither the console nor
/// the environment: whatever depends on where the output goes (colour, width) arrives in <see cref="RenderOptions"/>.
/// Output is UTF-8 without a byte order mark, with '\n' line ends, and the same report always gives the same bytes.
/// </summary>
public interface IReportRenderer
{
    /// <summary>The name used by <c>--format</c>.</summary>
    string Format { get; }

    /// <summary>The usual file extension for this format, with the dot (".sarif", ".json", ".md", ".txt").</summary>
    string FileExtension { get; }

    /// <summary>Writes the whole report to <paramref name="output"/>. The stream is flushed, not closed.</summary>
    void Render(Report report, Stream output);
}

/// <summary>What the command line decides about the output; every renderer ignores the options it has no use for.</summary>
public sealed record RenderOptions
{
    public static RenderOptions Default { get; } = new();

    /// <summary>Emit ANSI colour codes (terminal only). The CLI turns this off for NO_COLOR, pipes and files.</summary>
    public bool Color { get; init; }

    /// <summary>
    /// The project's files line by line, read through the project (Bandit's JSON quotes the lines around each finding);
    /// renderers never read files themselves. None by default: no source lines are quoted.
    /// </summary>
    public Kingsnake.Core.Suppression.ISourceLines Sources { get; init; } = Kingsnake.Core.Suppression.SourceLines.None;

    /// <summary>Wrap long text to this many columns (terminal only); 0 or less means never wrap.</summary>
    public int Width { get; init; }

    /// <summary>Show the timing of each stage (terminal and Markdown; JSON always carries timings, SARIF never).</summary>
    public bool ShowTimings { get; init; }

    /// <summary>
    /// Most findings listed one by one (Markdown only, where a PR comment holds 65,536 characters); the rest are
    /// counted in a closing line. 0 or less means all.
    /// </summary>
    public int MaxListedFindings { get; init; }

    /// <summary>
    /// Where the project root lies in the CI workspace, as a relative path ending in '/' ("" when the project is the
    /// workspace): GitHub annotations name files from the workspace root, the report from the project's.
    /// </summary>
    public string WorkspacePrefix { get; init; } = "";

    /// <summary>
    /// List the suppressed findings, each with its reason (terminal, JSON, Markdown); their counts by reason are always
    /// given.
    /// </summary>
    public bool ShowSuppressed { get; init; }
}
