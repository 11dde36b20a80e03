using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Kingsnake.Cli.Fixing;

namespace Kingsnake.Cli.Tests;

/// <summary>
/// Diffs of files with many fixes: every diff must patch the old text into the new one exactly (checked by applying it
/// strictly, context and all), stay local to the changes, and cost memory linear in the files.
/// </summary>
public sealed partial class UnifiedDiffTests
{
    [GeneratedRegex(@"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$")]
    private static partial Regex HunkHeader();

    /// <summary>
    /// Applies <paramref name="diff"/> to <paramref name="before"/> as <c>patch</c> would with no fuzz: every context and
    /// deleted line must be there, at the position the header names, and the header's counts must match the body.
    /// </summary>
    private static string Apply(string before, string diff)
    {
        var old = SplitKeepingBreaks(before);
        var lines = diff.Split('\n');
        Assert.Equal("", lines[^1]);
        var result = new StringBuilder();
        var copied = 0; // old lines consumed
        var at = 2;
        while (at < lines.Length - 1)
        {
            var header = HunkHeader().Match(lines[at]);
            Assert.True(header.Success, $"line {at + 1} is not a hunk header: {lines[at]}");
            var oldStart = int.Parse(header.Groups[1].Value, CultureInfo.InvariantCulture);
            var oldCount = header.Groups[2].Success ? int.Parse(header.Groups[2].Value, CultureInfo.InvariantCulture) : 1;
            var newCount = header.Groups[4].Success ? int.Parse(header.Groups[4].Value, CultureInfo.InvariantCulture) : 1;
            var firstOld = oldCount == 0 ? oldStart : oldStart - 1; // an empty side names the line before
            Assert.True(firstOld >= copied, "hunks out of order or overlapping");
            for (; copied < firstOld; copied++)
            {
                result.Append(old[copied]);
            }

            at++;
            int seenOld = 0, seenNew = 0;
            while (at < lines.Length - 1 && !lines[at].StartsWith("@@", StringComparison.Ordinal))
            {
                var body = lines[at][1..] + "\n";
                if (at + 1 < lines.Length && lines[at + 1] == "\\ No newline at end of file")
                {
                    body = body[..^1];
                }

                switch (lines[at][0])
                {
                    case ' ':
                        Assert.Equal(old[copied++], body);
                        result.Append(body);
                        seenOld++;
                        seenNew++;
                        break;
                    case '-':
                        Assert.Equal(old[copied++], body);
                        seenOld++;
                        break;
                    case '+':
                        result.Append(body);
                        seenNew++;
                        break;
                    default:
                        Assert.Fail($"unexpected diff line {at + 1}: {lines[at]}");
                        break;
                }

                at += body.EndsWith('\n') ? 1 : 2;
            }

            Assert.Equal((oldCount, newCount), (seenOld, seenNew));
        }

        for (; copied < old.Count; copied++)
        {
            result.Append(old[copied]);
        }

        return result.ToString();
    }

    private static List<string> SplitKeepingBreaks(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lines.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }

    /// <summary>A workflow job with <paramref name="steps"/> steps, each an unpinned <c>uses:</c> and a few lines around it.</summary>
    private static (string Before, string After) ManyPins(int steps)
    {
        var before = new StringBuilder("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n");
        var after = new StringBuilder(before.ToString());
        for (var i = 0; i < steps; i++)
        {
            // seven lines between pins: more than twice the context, so each fix is a hunk of its own
            var step = $"      - name: step {i}\n        run: echo {i}\n        shell: bash\n        timeout-minutes: 5\n        working-directory: .\n        env:\n          N: \"{i}\"\n";
            before.Append(step).Append("      - uses: actions/checkout@v4\n");
            after.Append(step).Append("      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n");
            if (i % 10 == 0)
            {
                // some fixes add lines after the pin (with: persist-credentials: false)
                after.Append("        with:\n          persist-credentials: false\n");
            }
        }

        return (before.ToString(), after.ToString());
    }

    [Fact]
    public void Eight_thousand_fixes_in_one_file_give_one_small_hunk_each_and_memory_linear_in_the_file()
    {
        var (before, after) = ManyPins(8000);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        using var output = new StringWriter();
        UnifiedDiff.Write(output, ".github/workflows/ci.yml", before, after);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var diff = output.ToString();

        Assert.Equal(after, Apply(before, diff));
        var headers = diff.Split('\n').Where(l => l.StartsWith("@@", StringComparison.Ordinal)).ToList();
        Assert.Equal(8000, headers.Count);
        Assert.Equal(800, headers.Count(h => h.EndsWith(",9 @@", StringComparison.Ordinal))); // -n,7 +n,9: one line for three
        Assert.Equal(8000, diff.Split('\n').Count(l => l.StartsWith('-') && !l.StartsWith("---", StringComparison.Ordinal)));

        // linear: the diff is a small multiple of the files, and so is what was allocated to make it (text is UTF-16,
        // the StringWriter doubles as it grows); one Myers trace over the whole files would be O(D·(N+M)), gigabytes here
        var inputBytes = 2L * (before.Length + after.Length);
        Assert.True(diff.Length < 2 * (before.Length + after.Length), $"diff of {diff.Length} characters for files of {before.Length + after.Length}");
        Assert.True(allocated < 20 * inputBytes, $"allocated {allocated:N0} bytes for {inputBytes:N0} bytes of text");
    }

    /// <summary>
    /// End to end: <c>kingsnake fix --diff</c> on a workflow with 8,000 unpinned checkouts prints a diff that turns the
    /// file into exactly what <c>kingsnake fix</c> writes.
    /// </summary>
    [Fact]
    public void Fix_diff_of_eight_thousand_pins_patches_the_file_into_what_fix_writes()
    {
        var workflow = new StringBuilder("on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n");
        for (var i = 0; i < 8000; i++)
        {
            workflow.Append("      - uses: actions/checkout@v4.1.7\n        with:\n          persist-credentials: false\n      - run: echo ").Append(i).Append('\n');
        }

        var before = workflow.ToString();
        using var project = new TempProject().With(".github/workflows/ci.yml", before);
        var diff = new CliRunner().Run("fix", project.Root, "--only", "workflows", "--diff", "--quiet");
        Assert.True(diff.ExitCode == 1, diff.Error);
        Assert.Equal(before, File.ReadAllText(project.PathOf(".github/workflows/ci.yml")));

        var written = new CliRunner().Run("fix", project.Root, "--only", "workflows", "--quiet");
        var after = File.ReadAllText(project.PathOf(".github/workflows/ci.yml"));
        Assert.NotEqual(before, after);
        Assert.Equal(8000, after.Split('\n').Count(l => l.Contains("actions/checkout@692973e3d937129bcbf40652eb9f2f61becf3332 # v4.1.7", StringComparison.Ordinal)));
        Assert.Equal(after, Apply(before, diff.Output));
        Assert.True(written.ExitCode is 0 or 1, written.Error);
    }

    [Fact]
    public void A_long_inserted_block_far_from_any_meeting_point_keeps_the_lines_after_it_as_context()
    {
        var tail = string.Concat(Enumerable.Range(0, 20).Select(i => $"tail {i}\n"));
        var before = "head\n" + tail;
        var after = "head\n" + string.Concat(Enumerable.Range(0, 2000).Select(i => $"new {i}\n")) + tail;
        var diff = UnifiedDiff.Create("f", before, after);
        Assert.Equal(after, Apply(before, diff));
        Assert.StartsWith("--- a/f\n+++ b/f\n@@ -1,4 +1,2004 @@\n head\n+new 0\n", diff, StringComparison.Ordinal);
        Assert.DoesNotContain("\n-", diff, StringComparison.Ordinal);
    }

    /// <summary>Random texts over a few repeated lines (blank lines, braces: what makes a meeting point ambiguous), randomly edited.</summary>
    [Fact]
    public void Random_edits_always_give_a_diff_that_patches_exactly()
    {
        string[] vocabulary = ["", "{", "}", "a", "b", "  - uses: x@v1", "  - uses: x@abc # v1"];
        var random = new Random(1206);
        for (var round = 0; round < 3000; round++)
        {
            var lines = Enumerable.Range(0, random.Next(0, 40)).Select(_ => vocabulary[random.Next(vocabulary.Length)]).ToList();
            var edited = new List<string>(lines);
            for (var edits = random.Next(1, 6); edits > 0; edits--)
            {
                var position = random.Next(edited.Count + 1);
                switch (random.Next(3))
                {
                    case 0:
                        edited.InsertRange(position, Enumerable.Range(0, random.Next(1, 5)).Select(_ => vocabulary[random.Next(vocabulary.Length)]));
                        break;
                    case 1 when position < edited.Count:
                        edited.RemoveRange(position, Math.Min(random.Next(1, 4), edited.Count - position));
                        break;
                    case 2 when position < edited.Count:
                        edited[position] = vocabulary[random.Next(vocabulary.Length)];
                        break;
                    default:
                        break;
                }
            }

            var before = Join(lines, random.Next(4) > 0);
            var after = Join(edited, random.Next(4) > 0);
            var diff = UnifiedDiff.Create("f", before, after);
            Assert.True(before == after ? diff.Length == 0 : Apply(before, diff) == after, $"round {round}:\n{before}\n---\n{after}\n---\n{diff}");
        }
    }

    private static string Join(List<string> lines, bool finalNewline) =>
        lines.Count == 0 ? "" : string.Join('\n', lines) + (finalNewline ? "\n" : "");
}
