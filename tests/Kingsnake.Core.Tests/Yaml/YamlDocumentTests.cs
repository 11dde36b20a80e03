using Kingsnake.Core.Findings;
using Kingsnake.Core.Yaml;

namespace Kingsnake.Core.Tests.Yaml;

public sealed class YamlDocumentTests
{
    [Fact]
    public void Keys_and_values_keep_their_line_and_column()
    {
        var doc = YamlDocument.Parse("name: CI\non:\n  push:\n    branches: [main]\njobs:\n  test:\n    runs-on: ubuntu-latest\n");
        var root = Assert.IsType<YamlMapping>(doc.Root);
        var name = root.GetScalar("name")!;
        Assert.Equal("CI", name.Value);
        Assert.Equal((1, 7), (name.Start.Line, name.Start.Column));
        Assert.Equal((1, 9), (name.End.Line, name.End.Column));
        var runsOnKey = root.GetMapping("jobs")!.GetMapping("test")!.GetKey("runs-on")!;
        Assert.Equal((7, 5), (runsOnKey.Start.Line, runsOnKey.Start.Column));
        var branches = root.GetMapping("on")!.GetMapping("push")!.GetSequence("branches")!;
        Assert.Equal((4, 15), (branches.Start.Line, branches.Start.Column));
        Assert.Equal((4, 16), (branches.Items[0].Start.Line, branches.Items[0].Start.Column));
    }

    [Fact]
    public void On_key_is_the_string_on_not_a_boolean()
    {
        var doc = YamlDocument.Parse("on: push\nyes: 1\n");
        var root = Assert.IsType<YamlMapping>(doc.Root);
        Assert.Equal("push", root.GetString("on"));
        Assert.Equal("1", root.GetString("yes"));
        Assert.Null(root.GetScalar("on")!.AsBoolean());
    }

    [Fact]
    public void Block_scalar_value_and_offsets_map_to_the_source()
    {
        var text = "run: |\n  echo one\n  echo two\nafter: x\n";
        var doc = YamlDocument.Parse(text);
        var run = ((YamlMapping)doc.Root!).GetScalar("run")!;
        Assert.Equal("echo one\necho two\n", run.Value);
        Assert.Equal(YamlScalarStyle.Literal, run.Style);
        Assert.Equal('|', text[run.Start.Offset]);
        Assert.Equal(1, run.Start.Line);
    }

    [Fact]
    public void Anchors_and_aliases_resolve_to_the_anchored_node()
    {
        var doc = YamlDocument.Parse("defaults: &env\n  A: 1\n  B: two\njob:\n  env: *env\n");
        var root = (YamlMapping)doc.Root!;
        var env = root.GetMapping("job")!.GetMapping("env")!;
        Assert.Same(root.GetMapping("defaults"), env);
        Assert.Equal("two", env.GetString("B"));
    }

    [Fact]
    public void Billion_laughs_is_stopped_by_the_expansion_limit()
    {
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        for (var i = 1; i < 9; i++)
        {
            text += $"{(char)('a' + i)}: &{(char)('a' + i)} [{string.Join(", ", Enumerable.Repeat($"*{(char)('a' + i - 1)}", 10))}]\n";
        }

        var ex = Assert.Throws<InputFormatException>(() => YamlDocument.Parse(text));
        Assert.Contains("expands to more than", ex.Message);
        Assert.True(ex.Line > 1);
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_stack_overflow()
    {
        var text = new string('[', 10_000) + new string(']', 10_000);
        var ex = Assert.Throws<InputFormatException>(() => YamlDocument.Parse(text));
        Assert.Contains("nested deeper", ex.Message);
    }

    [Fact]
    public void Node_count_is_bounded_as_the_nodes_are_read()
    {
        var text = "items:\n" + string.Concat(Enumerable.Repeat("  - x\n", 2_000));
        var ex = Assert.Throws<InputFormatException>(() => YamlDocument.Parse(text, new YamlLimits { MaxExpandedNodes = 1_000 }));
        Assert.Contains("more than 1000 nodes", ex.Message);
        Assert.Equal(999, ex.Line); // the root mapping, its key and the sequence come first
    }

    [Fact]
    public void Oversized_file_is_refused()
    {
        var ex = Assert.Throws<InputFormatException>(() => YamlDocument.Parse(new string('a', 200), new YamlLimits { MaxCharacters = 100 }));
        Assert.Contains("over the limit", ex.Message);
    }

    [Theory]
    [InlineData("a: [1, 2\nb: 3\n", 1)]
    [InlineData("x: 1\ny: {a: [1, 2\n", 3)] // reported at the end of the file, where the collection should have closed
    [InlineData("a: 1\n  b: 2\n", 2)]
    [InlineData("a: \"unterminated\n", 1)]
    [InlineData("a: *nowhere\n", 1)]
    [InlineData("a: 1\na: 2\n", 2)]
    [InlineData("? [x]\n: 1\n", 1)]
    [InlineData("a: 1\n---\nb: 2\n", 2)]
    public void Malformed_yaml_gives_an_error_with_its_line(string text, int line)
    {
        var ex = Assert.Throws<InputFormatException>(() => YamlDocument.Parse(text));
        Assert.Equal(line, ex.Line);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Fact]
    public void Empty_file_has_no_root()
    {
        Assert.Null(YamlDocument.Parse("").Root);
        Assert.Null(YamlDocument.Parse("# only a comment\n").Root);
    }

    [Fact]
    public void Source_text_converts_offsets_both_ways()
    {
        var source = new SourceText("ab\r\ncd\nef");
        Assert.Equal(new YamlPosition(2, 2, 5), source.PositionAt(5));
        Assert.Equal("cd", source.Line(2).ToString());
        Assert.Equal("ab", source.Line(1).ToString());
        Assert.Equal(3, source.LineCount);
    }
}
