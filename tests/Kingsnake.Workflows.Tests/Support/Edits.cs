using Kingsnake.Core.Findings;

namespace Kingsnake.Workflows.Tests.Support;

/// <summary>
/// Applies text edits (1-based line/column spans) to a text, last edit first so earlier spans stay valid. Identical
/// edits offered by two fixes (the same env: line) go in once, as <c>kingsnake fix</c> does.
/// </summary>
internal static class Edits
{
    public static string Apply(string text, IEnumerable<TextEdit> edits)
    {
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        int Offset(int line, int column) => lineStarts[line - 1] + column - 1;
        var ordered = edits.Distinct().Select(e => (Start: Offset(e.Span.StartLine, e.Span.StartColumn), End: Offset(e.Span.EndLine, e.Span.EndColumn), e.NewText))
            .OrderByDescending(e => e.Start)
            .ToList();
        foreach (var (start, end, replacement) in ordered)
        {
            text = text[..start] + replacement + text[end..];
        }

        return text;
    }
}
