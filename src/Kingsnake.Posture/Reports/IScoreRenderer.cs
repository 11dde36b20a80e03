using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Reports;

/// <summary>
/// Turns a <see cref="PostureReport"/> into bytes, as <c>IReportRenderer</c> does for an audit: UTF-8 without a byte
/// order mark, '\n' line ends, the same report always the same bytes; nothing read from the console or the clock.
/// </summary>
public interface IScoreRenderer
{
    /// <summary>The name used by <c>--format</c>.</summary>
    string Format { get; }

    string FileExtension { get; }

    void Render(PostureReport report, Stream output);
}
