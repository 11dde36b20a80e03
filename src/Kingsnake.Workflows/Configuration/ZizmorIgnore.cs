using Kingsnake.Core.Findings;

namespace Kingsnake.Workflows.Configuration;

/// <summary>
/// One entry of <c>rules.&lt;audit&gt;.ignore</c> in <c>zizmor.yml</c>: a workflow's file name, optionally a 1-based
/// line and column (<c>ci.yml</c>, <c>ci.yml:12</c>, <c>ci.yml:12:7</c>), and where the entry is written.
/// </summary>
public sealed record ZizmorIgnore(string FileName, int? Line, int? Column, string Text, SourceSpan At)
{
    /// <summary>
    /// True when the entry covers a location of the finding: same base file name (zizmor matches names, not paths),
    /// and, when given, the line and column where that location starts. zizmor checks every location of a finding, so
    /// the related spans count as well as the primary one.
    /// </summary>
    public bool Covers(Finding finding) => Covers(finding.Location) || finding.Related.Any(Covers);

    private bool Covers(SourceSpan span) =>
        span.Path[(span.Path.LastIndexOf('/') + 1)..].Equals(FileName, StringComparison.Ordinal)
        && (Line is null || (span.StartLine == Line && (Column is null || span.StartColumn == Column)));

    /// <summary>Parses <c>name.yml[:LINE[:COL]]</c>; null when the text has another shape (zizmor rejects it).</summary>
    public static ZizmorIgnore? Parse(string text, SourceSpan at)
    {
        var parts = text.Split(':');
        if (parts.Length > 3 || !(parts[0].EndsWith(".yml", StringComparison.Ordinal) || parts[0].EndsWith(".yaml", StringComparison.Ordinal)) || parts[0].Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        int? line = null, column = null;
        if (parts.Length > 1)
        {
            if (!int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var l) || l < 1)
            {
                return null;
            }

            line = l;
        }

        if (parts.Length > 2)
        {
            if (!int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var c) || c < 1)
            {
                return null;
            }

            column = c;
        }

        return new ZizmorIgnore(parts[0], line, column, text, at);
    }
}
