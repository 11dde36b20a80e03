using Kingsnake.Core.Findings;
using Kingsnake.Core.Toml;

namespace Kingsnake.Core.Tests.Toml;

public sealed class TomlDocumentTests
{
    [Fact]
    public void Keeps_lines_of_tables_array_items_and_dotted_keys()
    {
        const string text = """
            title = "x"

            [project]
            name = "demo"
            dependencies = [
              "requests>=2",
              'flask',
            ]

            [tool.poetry.dependencies]
            numpy = { version = "^1.2", extras = ["a"] }

            [[package]]
            name = "a"

            [[package]]
            name = "b"
            deps.inner = 3
            """;
        var root = TomlDocument.Parse(text, "pyproject.toml");
        var deps = root.Path("project")!.Array("dependencies")!;
        Assert.Equal(2, deps.Items.Count);
        Assert.Equal(("requests>=2", 6, 3), (deps.Items[0].Text, deps.Items[0].Line, deps.Items[0].Column));
        Assert.Equal(("flask", 7), (deps.Items[1].Text, deps.Items[1].Line));
        var numpy = root.Path("tool", "poetry", "dependencies")!["numpy"]!;
        Assert.Equal(11, numpy.Line);
        Assert.Equal("^1.2", numpy.String("version"));
        var packages = root.Array("package")!;
        Assert.True(packages.IsArrayOfTables);
        Assert.Equal(["a", "b"], packages.Items.Select(p => p.String("name")));
        Assert.Equal(16, packages.Items[1].Line);
        Assert.Equal("3", packages.Items[1].Path("deps")!["inner"]!.Text);
    }

    [Fact]
    public void Subtable_of_array_of_tables_attaches_to_the_last_element()
    {
        const string text = """
            [[package]]
            name = "a"
            [package.dependencies]
            b = "1"
            [[package]]
            name = "b"
            """;
        var packages = TomlDocument.Parse(text, "poetry.lock").Array("package")!;
        Assert.Equal("1", packages.Items[0].Path("dependencies")!.String("b"));
        Assert.Null(packages.Items[1].Table("dependencies"));
    }

    [Theory]
    [InlineData("a = 1\na = 2\n", 2)]
    [InlineData("[x]\nb = 1\n[x]\nc = 2\n", 3)]
    [InlineData("a = \"unterminated\n", 1)]
    [InlineData("x = 1\ny = [1, 2\nz = 3\n", 3)]
    [InlineData("a = 1\n[a]\nb = 2\n", 2)]
    [InlineData("a = {b = 1}\n[a]\nc = 2\n", 2)]
    [InlineData("a = {b = 1}\na.c = 2\n", 2)]
    [InlineData("p = [1]\n[[p]]\n", 2)]
    public void Malformed_toml_reports_the_line(string text, int expectedLine)
    {
        var error = Assert.Throws<TomlSyntaxException>(() => TomlDocument.Parse(text, "bad.toml"));
        Assert.Contains("TOML", error.Message);
        Assert.Equal(expectedLine, error.Line);
    }

    [Fact]
    public void A_key_may_be_an_array_of_tables_in_one_element_and_an_inline_array_in_another()
    {
        // Valid TOML (PEP 751 lockfiles mix both styles); Tomlyn's own validator wrongly rejects it.
        var root = TomlDocument.Parse("[[p]]\nw = [1]\n[[p]]\n[[p.w]]\nx = 2\n", "mixed.toml");
        var items = root.Array("p")!.Items;
        Assert.Equal("1", items[0].Array("w")!.Items[0].Text);
        Assert.Equal("2", items[1].Array("w")!.Items[0].Path()!["x"]!.Text);
    }

    [Fact]
    public void Deep_nesting_is_refused_without_overflowing_the_stack()
    {
        var text = "a = " + new string('[', 100_000) + new string(']', 100_000) + "\n";
        var error = Assert.Throws<TomlSyntaxException>(() => TomlDocument.Parse(text, "deep.toml"));
        Assert.Contains("nested", error.Message);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Oversized_document_is_refused_before_parsing()
    {
        var text = "a = \"" + new string('x', TomlDocument.MaxCharacters) + "\"\n";
        var error = Assert.Throws<TomlSyntaxException>(() => TomlDocument.Parse(text, "huge.toml"));
        Assert.Contains("over the limit", error.Message);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Brackets_inside_strings_do_not_count_as_nesting()
    {
        var text = "a = \"" + new string('[', 1000) + "\"\nb = '''\n" + new string('{', 1000) + "\n'''\n";
        var root = TomlDocument.Parse(text, "strings.toml");
        Assert.Equal(1000, root.String("a")!.Length);
        Assert.Equal(2, root["b"]!.Line);
        Assert.Equal(1001, root.String("b")!.Length);
    }
}
