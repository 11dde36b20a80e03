using System.Text;
using Kingsnake.Core.Findings;

namespace Kingsnake.Cli.Fixing;

/// <summary>A fix that went into the text.</summary>
internal sealed record AppliedFix(Finding Finding, Fix Fix);

/// <summary>A fix left out, and why (it overlaps one applied before it, or an edit lies outside the text).</summary>
internal sealed record SkippedFix(Finding Finding, Fix Fix, string Reason);

/// <summary>The text after one round of fixes.</summary>
internal sealed record FixOutcome(string Text, IReadOnlyList<AppliedFix> Applied, IReadOnlyList<SkippedFix> Skipped);

/// <summary>
/// Applies the fixes of one file's findings to its text. A fix is all or nothing: its edits go in together or not at
/// all. Fixes are taken in the order given (the report's, by position); one whose edits overlap an edit already taken
/// is skipped, since its positions describe text that is no longer there; a later pass over the edited text can offer
/// it again. Two insertions at the same point overlap too (their order would be a guess), unless they are identical,
/// in which case the text goes in once. Edit positions are 1-based lines and UTF-16 columns of <paramref name="text"/>.
/// </summary>
internal static class FixApplier
{
    public static FixOutcome Apply(string text, IEnumerable<Finding> findings, bool crlf)
    {
        var lineStarts = LineStarts(text);
        var taken = new List<(int Start, int End, string NewText)>();
        var applied = new List<AppliedFix>();
        var skipped = new List<SkippedFix>();
        foreach (var finding in findings)
        {
            if (finding.Fix is not { } fix)
            {
                continue;
            }

            var edits = new List<(int Start, int End, string NewText)>();
            string? problem = null;
            foreach (var edit in fix.Edits)
            {
                var start = OffsetOf(text, lineStarts, edit.Span.StartLine, edit.Span.StartColumn);
                var end = OffsetOf(text, lineStarts, edit.Span.EndLine, edit.Span.EndColumn);
                if (start < 0 || end < start)
                {
                    problem = $"its edit at {edit.Span} lies outside the file";
                    break;
                }

                edits.Add((start, end, crlf ? ToCrLf(edit.NewText) : edit.NewText));
            }

            if (problem is null)
            {
                for (var i = 0; i < edits.Count && problem is null; i++)
                {
                    for (var j = i + 1; j < edits.Count; j++)
                    {
                        if (Overlap(edits[i], edits[j]))
                        {
                            problem = "its own edits overlap";
                            break;
                        }
                    }
                }
            }

            if (problem is null)
            {
                // identical edits offered by two fixes (the same line added twice) go in once
                edits.RemoveAll(e => taken.Contains(e));
                if (edits.Any(e => taken.Any(t => Overlap(e, t))))
                {
                    problem = "it overlaps a fix applied before it";
                }
            }

            if (problem is not null)
            {
                skipped.Add(new SkippedFix(finding, fix, problem));
                continue;
            }

            taken.AddRange(edits);
            applied.Add(new AppliedFix(finding, fix));
        }

        // one pass from the front, copying the text between edits (editing a builder in place moves the rest of the
        // text per edit: quadratic for thousands of fixes); at one offset an insertion lands in front of a replacement
        taken.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : (a.End - a.Start).CompareTo(b.End - b.Start));
        var builder = new StringBuilder(text.Length + taken.Sum(t => t.NewText.Length));
        var copied = 0;
        foreach (var (start, end, newText) in taken)
        {
            builder.Append(text, copied, start - copied).Append(newText);
            copied = end;
        }

        builder.Append(text, copied, text.Length - copied);
        return new FixOutcome(builder.ToString(), applied, skipped);
    }

    /// <summary>True when two edits touch the same text: ranges that share a character, an insertion strictly inside a range, or two insertions at one point.</summary>
    private static bool Overlap((int Start, int End, string) a, (int Start, int End, string) b)
    {
        var aEmpty = a.Start == a.End;
        var bEmpty = b.Start == b.End;
        return (aEmpty, bEmpty) switch
        {
            (true, true) => a.Start == b.Start,
            (true, false) => b.Start < a.Start && a.Start < b.End,
            (false, true) => a.Start < b.Start && b.Start < a.End,
            _ => a.Start < b.End && b.Start < a.End,
        };
    }

    private static string ToCrLf(string text) => text.Contains('\n', StringComparison.Ordinal) ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal) : text;

    private static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    /// <summary>The offset of a 1-based line and column; the column may be one past the line's last character (before its break). -1 when outside.</summary>
    private static int OffsetOf(string text, List<int> lineStarts, int line, int column)
    {
        if (line < 1 || line > lineStarts.Count || column < 1)
        {
            return -1;
        }

        var start = lineStarts[line - 1];
        var lineEnd = line < lineStarts.Count ? lineStarts[line] - 1 : text.Length;
        return start + column - 1 <= lineEnd ? start + column - 1 : -1;
    }
}
