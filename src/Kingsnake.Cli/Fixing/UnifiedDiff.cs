using System.Text;

namespace Kingsnake.Cli.Fixing;

/// <summary>
/// A unified diff of two texts (the format of <c>diff -u</c> and <c>git diff</c>, which <c>git apply</c> and <c>patch -p1</c>
/// read): <c>--- a/path</c> / <c>+++ b/path</c> headers, hunks with <see cref="Context"/> lines of context. Lines are
/// compared with Myers' O(ND) algorithm after the common head and tail are cut off, so a small fix in a long file costs
/// little.
/// </summary>
internal static class UnifiedDiff
{
    public const int Context = 3;

    /// <summary>Marks a last line that has no line break (a character that cannot occur in a text file's line).</summary>
    private const string NoNewline = "\0";

    private enum Op
    {
        Equal,
        Delete,
        Insert,
    }

    public static string Create(string path, string before, string after)
    {
        if (before == after)
        {
            return "";
        }

        var oldLines = SplitLines(before);
        var newLines = SplitLines(after);
        var script = Diff(oldLines, newLines);
        var output = new StringBuilder();
        output.Append("--- a/").Append(path).Append('\n');
        output.Append("+++ b/").Append(path).Append('\n');

        // positions in the script where a change happens, grouped into hunks whose context would touch
        var index = 0;
        while (index < script.Count)
        {
            while (index < script.Count && script[index].Op == Op.Equal)
            {
                index++;
            }

            if (index == script.Count)
            {
                break;
            }

            var hunkStart = Math.Max(0, index - Context);
            while (hunkStart < index && script[hunkStart].Op != Op.Equal)
            {
                hunkStart++;
            }

            var hunkEnd = index;
            while (true)
            {
                while (hunkEnd < script.Count && script[hunkEnd].Op != Op.Equal)
                {
                    hunkEnd++;
                }

                var equalRun = 0;
                while (hunkEnd + equalRun < script.Count && script[hunkEnd + equalRun].Op == Op.Equal)
                {
                    equalRun++;
                }

                if (hunkEnd + equalRun < script.Count && equalRun <= 2 * Context)
                {
                    hunkEnd += equalRun; // the next change is close: one hunk
                    continue;
                }

                hunkEnd += Math.Min(equalRun, Context);
                break;
            }

            WriteHunk(output, script, hunkStart, hunkEnd, oldLines, newLines);
            index = hunkEnd;
        }

        return output.ToString();
    }

    private static void WriteHunk(StringBuilder output, List<(Op Op, int Old, int New)> script, int from, int to, string[] oldLines, string[] newLines)
    {
        int oldStart = -1, newStart = -1, oldLength = 0, newLength = 0;
        for (var i = from; i < to; i++)
        {
            var (op, oldIndex, newIndex) = script[i];
            if (op != Op.Insert)
            {
                oldStart = oldStart < 0 ? oldIndex : oldStart;
                oldLength++;
            }

            if (op != Op.Delete)
            {
                newStart = newStart < 0 ? newIndex : newStart;
                newLength++;
            }
        }

        // an empty side names the line before the hunk (0 at the top), as diff does
        var oldHeader = oldLength == 0 ? PositionBefore(script, from, old: true) : oldStart + 1;
        var newHeader = newLength == 0 ? PositionBefore(script, from, old: false) : newStart + 1;
        output.Append("@@ -").Append(Range(oldHeader, oldLength)).Append(" +").Append(Range(newHeader, newLength)).Append(" @@\n");
        for (var i = from; i < to; i++)
        {
            var (op, oldIndex, newIndex) = script[i];
            var (prefix, line) = op switch
            {
                Op.Delete => ('-', oldLines[oldIndex]),
                Op.Insert => ('+', newLines[newIndex]),
                _ => (' ', oldLines[oldIndex]),
            };
            if (line.EndsWith(NoNewline, StringComparison.Ordinal))
            {
                output.Append(prefix).Append(line.AsSpan(0, line.Length - 1)).Append("\n\\ No newline at end of file\n");
            }
            else
            {
                output.Append(prefix).Append(line).Append('\n');
            }
        }
    }

    private static int PositionBefore(List<(Op Op, int Old, int New)> script, int from, bool old)
    {
        for (var i = from - 1; i >= 0; i--)
        {
            if (old ? script[i].Op != Op.Insert : script[i].Op != Op.Delete)
            {
                return (old ? script[i].Old : script[i].New) + 1;
            }
        }

        return 0;
    }

    private static string Range(int start, int length) => length == 1 ? $"{start}" : $"{start},{length}";

    /// <summary>
    /// The lines of a text without their breaks. A last line with no break carries <see cref="NoNewline"/>, so that
    /// gaining or losing the final newline is a change of that line, as in diff.
    /// </summary>
    private static string[] SplitLines(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var endsWithNewline = text[^1] == '\n';
        var lines = (endsWithNewline ? text[..^1] : text).Split('\n');
        if (!endsWithNewline)
        {
            lines[^1] += NoNewline;
        }

        return lines;
    }

    /// <summary>The edit script: every line of both texts in order, as equal, deleted or inserted, with its indices.</summary>
    private static List<(Op Op, int Old, int New)> Diff(string[] a, string[] b)
    {
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[a.Length - 1 - tail] == b[b.Length - 1 - tail])
        {
            tail++;
        }

        var script = new List<(Op, int, int)>(a.Length + b.Length);
        for (var i = 0; i < head; i++)
        {
            script.Add((Op.Equal, i, i));
        }

        script.AddRange(Myers(a, b, head, a.Length - tail, head, b.Length - tail));
        for (var i = tail; i > 0; i--)
        {
            script.Add((Op.Equal, a.Length - i, b.Length - i));
        }

        return script;
    }

    /// <summary>Myers' greedy shortest edit script over a[aStart..aEnd) and b[bStart..bEnd), with the V array kept per step for the walk back.</summary>
    private static List<(Op, int, int)> Myers(string[] a, string[] b, int aStart, int aEnd, int bStart, int bEnd)
    {
        var n = aEnd - aStart;
        var m = bEnd - bStart;
        var max = n + m;
        var offset = max + 1;
        var v = new int[(2 * max) + 3];
        var trace = new List<int[]>();
        for (var d = 0; d <= max; d++)
        {
            trace.Add((int[])v.Clone());
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[aStart + x] == b[bStart + y])
                {
                    x++;
                    y++;
                }

                v[offset + k] = x;
                if (x >= n && y >= m)
                {
                    return Backtrack(trace, d, k, n, m, offset, aStart, bStart);
                }
            }
        }

        throw new InvalidOperationException("unreachable: an edit script always exists");
    }

    private static List<(Op, int, int)> Backtrack(List<int[]> trace, int d, int k, int n, int m, int offset, int aStart, int bStart)
    {
        var script = new List<(Op, int, int)>();
        int x = n, y = m;
        for (; d > 0; d--)
        {
            var v = trace[d];
            var down = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]);
            var previousK = down ? k + 1 : k - 1;
            var previousX = v[offset + previousK];
            var previousY = previousX - previousK;
            while (x > previousX && y > previousY)
            {
                script.Add((Op.Equal, aStart + x - 1, bStart + y - 1));
                x--;
                y--;
            }

            if (down)
            {
                script.Add((Op.Insert, aStart + x, bStart + y - 1));
                y--;
            }
            else
            {
                script.Add((Op.Delete, aStart + x - 1, bStart + y));
                x--;
            }

            k = previousK;
        }

        while (x > 0 && y > 0)
        {
            script.Add((Op.Equal, aStart + x - 1, bStart + y - 1));
            x--;
            y--;
        }

        script.Reverse();
        return script;
    }
}
