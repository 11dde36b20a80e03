using Kingsnake.Dependencies.Reading;
using Kingsnake.Dependencies.Requirements;

namespace Kingsnake.Dependencies.Tests.Requirements;

public sealed class RequirementsFileParserTests
{
    private static (List<RequirementsEntry> Entries, DependencyInventory Inventory) Parse(string text, Dictionary<string, string>? environment = null)
    {
        var collector = new DependencyCollector("/project", new DependencyReadOptions { EnvironmentVariables = environment ?? [] });
        var entries = RequirementsFileParser.Parse(text, "requirements.txt", collector);
        return (entries, collector.ToInventory());
    }

    [Fact]
    public void Comments_follow_pips_rule_hash_at_line_start_or_after_whitespace()
    {
        var (entries, _) = Parse("""
            # full-line comment
            requests==2.31.0  # trailing comment
            pkg @ https://example.org/pkg.zip#sha256=abc
              # indented comment
            """);
        Assert.Equal(["requests==2.31.0", "pkg @ https://example.org/pkg.zip#sha256=abc"], entries.Select(e => e.Text));
        Assert.Equal([2, 3], entries.Select(e => e.Line));
    }

    [Fact]
    public void Continuations_join_lines_and_keep_the_first_line_number()
    {
        var (entries, _) = Parse("flask==3.0.0 \\\n    --hash=sha256:AAAA \\\n    --hash=sha256:bbbb\nnumpy\n");
        Assert.Equal(2, entries.Count);
        Assert.Equal(("flask==3.0.0", 1), (entries[0].Text, entries[0].Line));
        Assert.Equal(["sha256:aaaa", "sha256:bbbb"], entries[0].Hashes);
        Assert.Equal(("numpy", 4), (entries[1].Text, entries[1].Line));
    }

    [Fact]
    public void A_comment_line_ends_a_continuation()
    {
        // pip: a comment line is never continued, and it terminates the pending logical line.
        var (entries, _) = Parse("django\\\n# note \\\nflask\n");
        Assert.Equal(["django", "flask"], entries.Select(e => e.Text));
    }

    [Fact]
    public void Environment_variables_expand_only_upper_case_names_from_the_callers_values()
    {
        var (entries, inventory) = Parse(
            "pkg @ https://${TOKEN}@example.org/pkg-1.0.tar.gz\nother @ https://${lower}/x.whl\n-r ${MISSING}/base.txt\n",
            new Dictionary<string, string> { ["TOKEN"] = "secret", ["lower"] = "nope" });
        Assert.Equal("pkg @ https://secret@example.org/pkg-1.0.tar.gz", entries[0].Text);
        Assert.Equal("other @ https://${lower}/x.whl", entries[1].Text);
        Assert.Equal((RequirementsEntryKind.Include, "${MISSING}/base.txt"), (entries[2].Kind, entries[2].Text));
        var note = Assert.Single(inventory.Notes);
        Assert.Contains("MISSING", note.Message);
        Assert.Equal(3, note.Location.StartLine);
    }

    [Fact]
    public void Include_constraint_and_editable_options_in_every_spelling()
    {
        var (entries, inventory) = Parse("""
            -r base.txt
            --requirement=dev.txt
            -rother.txt
            -c constraints.txt
            --constraint pins.txt
            -e ./local[extra]
            --editable=git+https://github.com/org/repo.git#egg=repo
            """);
        Assert.Equal(
            [
                (RequirementsEntryKind.Include, "base.txt"), (RequirementsEntryKind.Include, "dev.txt"), (RequirementsEntryKind.Include, "other.txt"),
                (RequirementsEntryKind.Constraint, "constraints.txt"), (RequirementsEntryKind.Constraint, "pins.txt"),
                (RequirementsEntryKind.Editable, "./local[extra]"), (RequirementsEntryKind.Editable, "git+https://github.com/org/repo.git#egg=repo"),
            ],
            entries.Select(e => (e.Kind, e.Text)));
        Assert.Empty(inventory.Errors);
    }

    [Fact]
    public void Global_options_are_ignored_with_a_note_and_unknown_options_are_errors()
    {
        var (entries, inventory) = Parse("""
            -i https://pypi.org/simple
            --extra-index-url https://example.org/simple
            --find-links=./wheels
            --pre
            --trusted-host example.org
            --no-binary :all:
            --only-binary numpy
            --prefer-binary
            --require-hashes
            --use-feature=truststore
            --no-index
            --bogus-option
            requests
            """);
        Assert.Equal(["requests"], entries.Select(e => e.Text));
        Assert.Equal(11, inventory.Notes.Count);
        Assert.All(inventory.Notes, n => Assert.Contains("names no dependency", n.Message));
        var error = Assert.Single(inventory.Errors);
        Assert.Equal(12, error.Location.StartLine);
        Assert.Contains("--bogus-option", error.Message);
    }

    [Fact]
    public void Per_requirement_options_stay_with_the_requirement()
    {
        var (entries, inventory) = Parse(
            "pkg==1.0 --config-settings=key=value --global-option=\"--no-ext\" --hash=sha384:ABCD --hash sha512:ef01\n");
        var entry = Assert.Single(entries);
        Assert.Equal("pkg==1.0", entry.Text);
        Assert.Equal(["sha384:abcd", "sha512:ef01"], entry.Hashes);
        Assert.Equal(["--config-settings=key=value", "--global-option=--no-ext"], entry.Options);
        Assert.Empty(inventory.Errors);
    }

    [Fact]
    public void Options_split_as_pip_splits_them_with_shlex()
    {
        // inside double quotes shlex keeps a backslash before $ (bash would drop it); # and ; are plain characters
        var (entries, inventory) = Parse("pkg==1.0 --config-settings \"a=\\$b c\" --global-option=x;y#z\n");
        Assert.Equal(["--config-settings=a=\\$b c", "--global-option=x;y#z"], Assert.Single(entries).Options);
        Assert.Empty(inventory.Errors);
    }

    [Fact]
    public void Options_shlex_cannot_split_are_an_error_for_the_line()
    {
        var (_, inventory) = Parse("pkg==1.0 --global-option='unclosed\nflask\n");
        var error = Assert.Single(inventory.Errors);
        Assert.Equal(1, error.Location.StartLine);
        Assert.Equal("cannot split options: No closing quotation", error.Message);
    }

    [Fact]
    public void Weak_hash_algorithms_are_refused_like_pip()
    {
        var (entries, inventory) = Parse("pkg==1.0 --hash=md5:abcd\n");
        Assert.Empty(Assert.Single(entries).Hashes);
        Assert.Contains("md5", Assert.Single(inventory.Errors).Message);
    }

    [Fact]
    public void Markers_with_dashes_are_not_mistaken_for_options()
    {
        var (entries, _) = Parse("pkg; platform_release == \"5.10-1\"\n");
        Assert.Equal("pkg; platform_release == \"5.10-1\"", Assert.Single(entries).Text);
    }

    [Fact]
    public void Crlf_line_endings_and_trailing_continuation_are_handled()
    {
        var (entries, _) = Parse("a==1\r\nb==2 \\\r\n");
        Assert.Equal(["a==1", "b==2"], entries.Select(e => e.Text));
    }
}
