using Kingsnake.Core.Inventory;
using Kingsnake.Dependencies.Reading;
using Kingsnake.Dependencies.Scripts;

namespace Kingsnake.Dependencies.Tests.Scripts;

public sealed class InlineScriptReaderTests
{
    private static DependencyInventory ReadText(string text)
    {
        var collector = new DependencyCollector("/project");
        InlineScriptReader.ReadText(collector, text, "tool.py");
        return collector.ToInventory();
    }

    [Fact]
    public void Reads_the_pep723_example_block_with_lines_in_the_script()
    {
        // The example from PEP 723.
        var inventory = ReadText("""
            #!/usr/bin/env python
            # /// script
            # requires-python = ">=3.11"
            # dependencies = [
            #   "requests<3",
            #   "rich",
            # ]
            # ///

            import requests
            """);
        Assert.Empty(inventory.Errors);
        Assert.Equal([("requests", 5, 5, "<3"), ("rich", 6, 5, "")], inventory.Components.Select(c => (c.Name, c.Location.StartLine, c.Location.StartColumn, c.Specifier)));
        Assert.All(inventory.Components, c => Assert.Equal(ComponentSource.Script, c.Source));
    }

    [Fact]
    public void The_block_ends_at_the_last_closing_line_of_the_comment_run()
    {
        // Per the reference regex, an inner "# ///" is content when another closes the run later: here the
        // content then holds a "///" line, which is not TOML, exactly as the reference implementation fails.
        var inventory = ReadText("# /// script\n# dependencies = [\"a==1\"]\n# ///\n# x = 1\n# ///\nprint()\n");
        Assert.Empty(inventory.Components);
        Assert.Equal(3, Assert.Single(inventory.Errors).Location.StartLine);
    }

    [Fact]
    public void Two_script_blocks_are_an_error_and_other_block_types_are_ignored()
    {
        var inventory = ReadText("# /// pyproject\n# x = 1\n# ///\n\n# /// script\n# dependencies = []\n# ///\n\n# /// script\n# dependencies = [\"b\"]\n# ///\n");
        Assert.Empty(inventory.Components);
        Assert.Equal(9, Assert.Single(inventory.Errors).Location.StartLine);
    }

    [Fact]
    public void Unclosed_blocks_and_bad_toml_are_errors_with_script_lines()
    {
        Assert.Equal(1, Assert.Single(ReadText("# /// script\n# dependencies = []\nimport os\n").Errors).Location.StartLine);
        Assert.Equal(3, Assert.Single(ReadText("# /// script\n# dependencies = [\n#  oops\n# ]\n# ///\n").Errors).Location.StartLine);
    }

    [Theory]
    [InlineData("# /// script\n", true)]
    [InlineData("import x\n# /// script\r\n", true)]
    [InlineData("x = '# /// script'\n", false)]
    [InlineData("# /// scripts\n", false)]
    [InlineData("", false)]
    public void Detects_an_opening_line_in_a_prefix(string prefix, bool expected) =>
        Assert.Equal(expected, InlineScriptReader.MayHaveScriptBlock(prefix));
}
