namespace Kingsnake.Cli.Fixing;

/// <summary>
/// A unified diff of two texts (the format of <c>diff -u</c> and <c>git diff</c>, which <c>git apply</c> and <c>patch -p1</c>
/// read): <c>--- a/path</c> / <c>+++ b/path</c> headers, hunks with <see cref="Context"/> lines of context, written
/// straight to the output. The texts are a file before and after fixes, which change it in many small places: the
/// lines are walked in step, and where they part the nearest point where they meet again is searched for (the
/// smallest number of lines skipped on both sides, confirmed by lines that agree after it); only that changed region
/// is diffed with Myers' algorithm. Time and memory are linear in the files for edits of bounded size, where one
/// Myers diff of the whole files keeps a trace of O(D·(N+M)) (8,000 fixes in one file took gigabytes).
/// </summary>
internal static class UnifiedDiff
{
    public const int Context = 3;

    /// <summary>How many lines after a meeting point must agree for it to count (fewer where a side ends).</summary>
    private const int Confirmation = 3;

    /// <summary>
    /// The widest search for a nearest meeting point, in lines skipped on both sides together (it costs the square of
    /// its width); past it, each old line's next occurrences in the new text are tried instead.
    /// </summary>
    private const int NearSearchLimit = 512;

    /// <summary>Changed regions up to this many lines on both sides together are diffed exactly; larger ones are replaced whole.</summary>
    private const int MyersLimit = 256;

    /// <summary>Marks a last line that has no line break (a character that cannot occur in a text file's line).</summary>
    private const string NoNewline = "\0";

    private enum Op
    {
        Equal,
        Delete,
        Insert,
    }

    /// <summary>The diff as a string (empty when the texts are equal).</summary>
    public static string Create(string path, string before, string after)
    {
        using var output = new StringWriter();
        Write(output, path, before, after);
        return output.ToString();
    }

    /// <summary>Writes the diff of <paramref name="before"/> and <paramref name="after"/> to <paramref name="output"/>, hunk by hunk (nothing when they are equal).</summary>
    public static void Write(TextWriter output, string path, string before, string after)
    {
        if (before == after)
        {
            return;
        }

        var oldLines = SplitLines(before);
        var newLines = SplitLines(after);
        var script = Diff(oldLines, newLines);
        output.Write("--- a/");
        output.Write(path);
        output.Write('\n');
        output.Write("+++ b/");
        output.Write(path);
        output.Write('\n');

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
    }

    private static void WriteHunk(TextWriter output, List<(Op Op, int Old, int New)> script, int from, int to, string[] oldLines, string[] newLines)
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
        output.Write("@@ -");
        output.Write(Range(oldHeader, oldLength));
        output.Write(" +");
        output.Write(Range(newHeader, newLength));
        output.Write(" @@\n");
        for (var i = from; i < to; i++)
        {
            var (op, oldIndex, newIndex) = script[i];
            var (prefix, line) = op switch
            {
                Op.Delete => ('-', oldLines[oldIndex]),
                Op.Insert => ('+', newLines[newIndex]),
                _ => (' ', oldLines[oldIndex]),
            };
            output.Write(prefix);
            if (line.EndsWith(NoNewline, StringComparison.Ordinal))
            {
                output.Write(line.AsSpan(0, line.Length - 1));
                output.Write("\n\\ No newline at end of file\n");
            }
            else
            {
                output.Write(line);
                output.Write('\n');
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
    private static List<(Op Op, int Old, int New)> Diff(string[] oldLines, string[] newLines)
    {
        // lines become numbers (equal lines, equal numbers), so comparing two is one integer comparison
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var a = Number(oldLines, ids);
        var b = Number(newLines, ids);
        var search = new MeetingSearch(a, b);
        var script = new List<(Op, int, int)>(a.Length + b.Length);
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            if (i < a.Length && j < b.Length && a[i] == b[j])
            {
                script.Add((Op.Equal, i++, j++));
                continue;
            }

            var (skipOld, skipNew) = search.Find(i, j);
            if (skipOld + skipNew <= MyersLimit)
            {
                script.AddRange(Myers(a, b, i, i + skipOld, j, j + skipNew));
            }
            else
            {
                for (var k = 0; k < skipOld; k++)
                {
                    script.Add((Op.Delete, i + k, j));
                }

                for (var k = 0; k < skipNew; k++)
                {
                    script.Add((Op.Insert, i + skipOld, j + k));
                }
            }

            i += skipOld;
            j += skipNew;
        }

        return script;
    }

    private static int[] Number(string[] lines, Dictionary<string, int> ids)
    {
        var numbers = new int[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            if (!ids.TryGetValue(lines[i], out numbers[i]))
            {
                numbers[i] = ids.Count;
                ids.Add(lines[i], numbers[i]);
            }
        }

        return numbers;
    }

    /// <summary>Where two line sequences that part at (i, j) meet again.</summary>
    private sealed class MeetingSearch(int[] a, int[] b)
    {
        /// <summary>For each line number, the positions in <c>b</c> where it occurs, ascending; built on first need.</summary>
        private Dictionary<int, List<int>>? _positionsInB;

        /// <summary>
        /// How many lines of each side to skip from (i, j) to reach the nearest confirmed meeting point: the fewest skipped
        /// in total within <see cref="NearSearchLimit"/>, else the first old line whose next occurrence in the new text is
        /// confirmed, else the rest of both.
        /// </summary>
        public (int Old, int New) Find(int i, int j)
        {
            var restOld = a.Length - i;
            var restNew = b.Length - j;
            var widest = Math.Min(restOld + restNew, NearSearchLimit);
            for (var skipped = 1; skipped <= widest; skipped++)
            {
                for (var skipOld = Math.Max(0, skipped - restNew); skipOld <= Math.Min(skipped, restOld); skipOld++)
                {
                    if (Meets(i + skipOld, j + skipped - skipOld))
                    {
                        return (skipOld, skipped - skipOld);
                    }
                }
            }

            return FarMeeting(i, j) ?? (restOld, restNew);
        }

        /// <summary>True at the end of both, or where the lines agree for <see cref="Confirmation"/> lines (or up to the end of both).</summary>
        private bool Meets(int x, int y)
        {
            for (var t = 0; t < Confirmation; t++)
            {
                if (x + t == a.Length || y + t == b.Length)
                {
                    return x + t == a.Length && y + t == b.Length;
                }

                if (a[x + t] != b[y + t])
                {
                    return false;
                }
            }

            return true;
        }

        private (int Old, int New)? FarMeeting(int i, int j)
        {
            if (_positionsInB is null)
            {
                _positionsInB = [];
                for (var y = 0; y < b.Length; y++)
                {
                    if (!_positionsInB.TryGetValue(b[y], out var list))
                    {
                        _positionsInB[b[y]] = list = [];
                    }

                    list.Add(y);
                }
            }

            for (var x = i; x < a.Length; x++)
            {
                if (!_positionsInB.TryGetValue(a[x], out var positions))
                {
                    continue;
                }

                var at = positions.BinarySearch(j);
                at = at < 0 ? ~at : at;

                // a few candidates per line: a line repeated everywhere (a blank) must not make this quadratic
                for (var tries = 0; at < positions.Count && tries < 4; at++, tries++)
                {
                    if (Meets(x, positions[at]))
                    {
                        return (x - i, positions[at] - j);
                    }
                }
            }

            return null;
        }
    }

    /// <summary>Myers' greedy shortest edit script over a[aStart..aEnd) and b[bStart..bEnd), with the V array kept per step for the walk back.</summary>
    private static List<(Op, int, int)> Myers(int[] a, int[] b, int aStart, int aEnd, int bStart, int bEnd)
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
