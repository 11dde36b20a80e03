using System.Text;
using Kingsnake.Cli.Fixing;
using Kingsnake.Core.Findings;
using Kingsnake.Workflows.Auditing;

namespace Kingsnake.Cli.Tests;

/// <summary>The pieces of <c>kingsnake fix</c>: applying edits, unified diffs, and writing files safely.</summary>
public sealed class FixingTests
{
    private static Finding WithFix(int line, params TextEdit[] edits) => new()
    {
        Rule = WorkflowRules.Artipacked,
        Message = "test",
        Location = new SourceSpan("f.yml", line, 1),
        Fix = new Fix($"fix {line}", edits),
        FingerprintSource = $"line {line}",
    };

    private static TextEdit Edit(int line, int startColumn, int endColumn, string text) => new(new SourceSpan("f.yml", line, startColumn, line, endColumn), text);

    [Fact]
    public void Overlapping_fix_is_skipped_whole_touching_and_identical_edits_go_in()
    {
        var text = "abcdef\nxyz\n";
        var first = WithFix(1, Edit(1, 2, 4, "XY"));                          // bc → XY
        var overlapping = WithFix(1, Edit(2, 1, 2, "Q"), Edit(1, 3, 5, "Z")); // x → Q would go in, but cd overlaps: all or nothing
        var touching = WithFix(1, Edit(1, 4, 4, "!"));                       // insertion right after bc: no overlap
        var identical = WithFix(1, Edit(1, 4, 4, "!"));                      // the same insertion offered twice goes in once
        var samePointOther = WithFix(1, Edit(1, 4, 4, "?"));                 // another insertion at that point: order unknown
        var outside = WithFix(5, Edit(5, 1, 1, "never"));

        var outcome = FixApplier.Apply(text, [first, overlapping, touching, identical, samePointOther, outside], crlf: false);

        Assert.Equal("aXY!def\nxyz\n", outcome.Text);
        Assert.Equal([first, touching, identical], outcome.Applied.Select(a => a.Finding));
        Assert.Equal(
            ["it overlaps a fix applied before it", "it overlaps a fix applied before it", "its edit at f.yml:5:1 lies outside the file"],
            outcome.Skipped.Select(s => s.Reason));
    }

    [Fact]
    public void Insertion_and_replacement_at_one_point_and_line_end_positions()
    {
        // an insertion where a replacement starts lands before the replacement's text; a column one past the line's end is valid
        var outcome = FixApplier.Apply("key: value\n", [WithFix(1, Edit(1, 6, 11, "other")), WithFix(1, Edit(1, 6, 6, "[")), WithFix(1, Edit(1, 11, 11, " # note"))], crlf: false);
        Assert.Equal("key: [other # note\n", outcome.Text);
        Assert.Empty(outcome.Skipped);
    }

    [Fact]
    public void New_lines_follow_a_crlf_file()
    {
        var outcome = FixApplier.Apply("a:\r\n  b: 1\r\n", [WithFix(2, Edit(3, 1, 1, "  c: 2\n  d: 3\n"))], crlf: true);
        Assert.Equal("a:\r\n  b: 1\r\n  c: 2\r\n  d: 3\r\n", outcome.Text);
    }

    [Fact]
    public void Diff_marks_a_missing_final_newline_on_both_sides()
    {
        Assert.Equal("--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n", UnifiedDiff.Create("f", "a\nb", "a\nc"));

        // gaining the final newline changes the last line
        Assert.Equal("--- a/f\n+++ b/f\n@@ -1,2 +1,3 @@\n a\n-b\n\\ No newline at end of file\n+b\n+c\n", UnifiedDiff.Create("f", "a\nb", "a\nb\nc\n"));
    }

    [Fact]
    public void Diff_splits_distant_changes_into_hunks_with_three_lines_of_context()
    {
        var before = string.Concat(Enumerable.Range(1, 20).Select(i => $"{i}\n"));
        var after = before.Replace("\n2\n", "\ntwo\n", StringComparison.Ordinal).Replace("\n18\n", "\neighteen\n", StringComparison.Ordinal);
        var expected = "--- a/f\n+++ b/f\n"
            + "@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n"
            + "@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+eighteen\n 19\n 20\n";
        Assert.Equal(expected, UnifiedDiff.Create("f", before, after));

        // six equal lines or fewer between changes: one hunk
        var close = before.Replace("\n2\n", "\ntwo\n", StringComparison.Ordinal).Replace("\n9\n", "\nnine\n", StringComparison.Ordinal);
        Assert.StartsWith("--- a/f\n+++ b/f\n@@ -1,12 +1,12 @@\n 1\n-2\n+two\n", UnifiedDiff.Create("f", before, close), StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_of_pure_insertions_and_deletions_names_the_line_before()
    {
        Assert.Equal("--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+x\n", UnifiedDiff.Create("f", "", "x\n"));
        Assert.Equal("--- a/f\n+++ b/f\n@@ -1,2 +1,3 @@\n a\n+new\n b\n", UnifiedDiff.Create("f", "a\nb\n", "a\nnew\nb\n"));
        Assert.Equal("--- a/f\n+++ b/f\n@@ -1,3 +1,2 @@\n a\n-gone\n b\n", UnifiedDiff.Create("f", "a\ngone\nb\n", "a\nb\n"));
        Assert.Equal("", UnifiedDiff.Create("f", "same\n", "same\n"));
    }

    [Fact]
    public void Writer_refuses_a_file_changed_since_it_was_read_and_keeps_the_mode_otherwise()
    {
        using var project = new TempProject().With("ci.yml", "old\n");
        var path = project.PathOf("ci.yml");
        var file = new FileFix { Path = "ci.yml", FullPath = path, OriginalBytes = Encoding.UTF8.GetBytes("old\n"), OriginalText = "old\n", ByteOrderMark = false, FixedText = "new\n" };

        File.WriteAllText(path, "edited meanwhile\n");
        Assert.Equal("changed since it was read; not written (run kingsnake fix again)", FixedFileWriter.Write(file));
        Assert.Equal("edited meanwhile\n", File.ReadAllText(path));

        File.WriteAllText(path, "old\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        Assert.Null(FixedFileWriter.Write(file));
        Assert.Equal("new\n", File.ReadAllText(path));
        Assert.Equal(["ci.yml"], Directory.EnumerateFiles(project.Root).Select(Path.GetFileName));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(path));
        }
    }
}
